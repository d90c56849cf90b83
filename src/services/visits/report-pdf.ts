// The visit report as a PDF a procurement committee reads on paper: parties, dates at the site, outcome and
// summary, claims checked (the capacity formula and the figure against the claim), findings with their follow-up,
// the checklist, photos, the supplier's assessment of the buyer where the reader may see it, and both sides'
// sign-off lines. The same data gives the same bytes (the creation date is the visit's), so a SHA-256 taken of a
// download is the SHA-256 of what is signed.
import { existsSync } from 'node:fs';
import PDFDocument from 'pdfkit';
import { appConfig } from '../../config.js';

export interface ReportPhoto {
  label: string;
  caption: string | null;
  mediaType: string;
  bytes: Buffer | null;
}

export interface VisitReportData {
  title: string;
  typeLabel: string;
  engagementTitle: string;
  status: string;
  draft: boolean;
  parties: { role: string; name: string; country: string }[];
  site: { name: string; address: string; timeZone: string };
  /** e.g. "Tue 17 Nov 2026, 15:00 – 16:30 (Asia/Shanghai, UTC+08:00)" */
  planned: string;
  closedAt: string | null;
  lead: string | null;
  participants: { side: string; name: string; role?: string | null }[];
  agenda: string[];
  outcome: string | null;
  summary: string | null;
  claims: { title: string; claimed: string; status: string; provenance: string | null }[];
  capacity: { claim: string; formula: string; explanation: string; status: string; provenance: string; recordedBy: string; at: string }[];
  findings: { n: number; severity: string; text: string; claim: string | null; followUp: string | null; recordedBy: string }[];
  checklist: { title: string; titleZh: string; rows: { question: string; answer: string; note: string | null }[] }[] | null;
  photos: ReportPhoto[];
  sincerity: { index: number | null; band: string; dimensions: { title: string; score: number | null; max: number; note: string | null }[]; comment: string | null; shared: boolean } | null;
  signOffs: { side: string; organization: string; signed: { person: string; at: string; sha256: string; statement: string | null } | null }[];
  viewer: string;
  creationDate: Date;
}

// ---------------------------------------------------------------------------------------------------------------
// Fonts: DejaVu Sans for Latin text (it has ≥ × ÷ µ Ø), a CJK font for text with Chinese, Helvetica as a last resort.

const LATIN_CANDIDATES = [
  ['/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf', '/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf'],
  ['/usr/share/fonts/dejavu/DejaVuSans.ttf', '/usr/share/fonts/dejavu/DejaVuSans-Bold.ttf'],
  ['/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf', '/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf'],
];
/** [path, font name inside a collection] */
const CJK_CANDIDATES: [string, string | undefined][] = [
  ['/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', 'NotoSansCJKsc-Regular'],
  ['/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc', 'NotoSansCJKsc-Regular'],
  ['/usr/share/fonts/truetype/wqy/wqy-microhei.ttc', 'WenQuanYiMicroHei'],
  ['/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc', 'WenQuanYiZenHei'],
  ['/usr/share/fonts/truetype/arphic/uming.ttc', 'AR PL UMing CN'],
];

interface FontSet {
  regular: string;
  bold: string;
  cjk: string | null;
  embedded: boolean;
}

let fontFiles: { latin: string[] | null; cjk: [string, string | undefined] | null } | undefined;

function findFonts() {
  if (fontFiles) return fontFiles;
  const { cjkFont: env, cjkFontName } = appConfig().pdf;
  const latin = LATIN_CANDIDATES.find((c) => c.every((p) => existsSync(p))) ?? null;
  const cjk: [string, string | undefined] | null = env && existsSync(env) ? [env, cjkFontName] : (CJK_CANDIDATES.find(([p]) => existsSync(p)) ?? null);
  fontFiles = { latin, cjk };
  return fontFiles;
}

/** Whether Chinese text renders as Chinese (a CJK font is installed); otherwise it is marked as omitted. */
export function reportFontsAvailable(): { latin: boolean; cjk: boolean; cjkFont: string | null } {
  const f = findFonts();
  return { latin: f.latin !== null, cjk: f.cjk !== null, cjkFont: f.cjk?.[0] ?? null };
}

function registerFonts(doc: PDFKit.PDFDocument, builtin: boolean): FontSet {
  const f = builtin ? { latin: null, cjk: null } : findFonts();
  let set: FontSet = { regular: 'Helvetica', bold: 'Helvetica-Bold', cjk: null, embedded: false };
  if (f.latin) {
    doc.registerFont('latin', f.latin[0]);
    doc.registerFont('latin-bold', f.latin[1]);
    set = { regular: 'latin', bold: 'latin-bold', cjk: null, embedded: true };
  }
  if (f.cjk) {
    try {
      doc.registerFont('cjk', f.cjk[0], f.cjk[1] as string);
      set.cjk = 'cjk';
    } catch {
      set.cjk = null;
    }
  }
  return set;
}

const CJK = /[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]/;
const WIN_ANSI_SPELLED: Record<string, string> = { '≥': '>=', '≤': '<=', '−': '-', '→': '->', '✓': 'v', '\u202f': ' ' };
/** The standard PDF fonts know Windows-1252 only: spell out what they lack. */
function winAnsi(text: string): string {
  return text.replace(/[^\x20-\x7e\n\u00a0-\u00ff\u2013\u2014\u2018\u2019\u201c\u201d\u2022\u2026\u20ac]/g, (c) => WIN_ANSI_SPELLED[c] ?? '?');
}

// ---------------------------------------------------------------------------------------------------------------
// Layout

const PAGE = { margin: 50, width: 595.28, height: 841.89 };
const CONTENT_W = PAGE.width - 2 * PAGE.margin;
const BOTTOM = PAGE.height - PAGE.margin - 20;
const GREY = '#555555';
const LIGHT = '#dddddd';
const ACCENT = '#1c4e80';
const STATUS_COLOR: Record<string, string> = { supported: '#1e7b34', contradicted: '#b3261e', unverified: '#8a6d00' };

class Writer {
  constructor(
    readonly doc: PDFKit.PDFDocument,
    readonly fonts: FontSet,
  ) {}

  /** The font for a piece of text, and the text itself (Chinese is marked when no CJK font is installed). */
  pick(text: string, bold = false): [string, string] {
    const latin = bold ? this.fonts.bold : this.fonts.regular;
    if (CJK.test(text)) {
      if (this.fonts.cjk) return [this.fonts.cjk, text];
      text = text.replace(/[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]+/g, '[…]');
    }
    if (!this.fonts.embedded) return [latin, winAnsi(text)];
    return [latin, text];
  }

  height(text: string, width: number, size: number, bold = false): number {
    const [font, t] = this.pick(text, bold);
    this.doc.font(font).fontSize(size);
    return this.doc.heightOfString(t || ' ', { width });
  }

  ensure(space: number) {
    if (this.doc.y + space > BOTTOM) this.doc.addPage();
  }

  text(text: string, opts: { size?: number; bold?: boolean; color?: string; x?: number; width?: number; gap?: number; y?: number } = {}) {
    const size = opts.size ?? 10;
    const width = opts.width ?? CONTENT_W;
    const x = opts.x ?? PAGE.margin;
    const h = this.height(text, width, size, opts.bold);
    if (opts.y === undefined) this.ensure(Math.min(h, 200));
    const [font, t] = this.pick(text, opts.bold);
    this.doc.font(font).fontSize(size).fillColor(opts.color ?? '#000000');
    this.doc.text(t, x, opts.y ?? this.doc.y, { width });
    if (opts.gap) this.doc.y += opts.gap;
  }

  heading(text: string) {
    this.ensure(110);
    this.doc.y += 8;
    this.text(text, { size: 13, bold: true, color: ACCENT });
    const y = this.doc.y + 2;
    this.doc.moveTo(PAGE.margin, y).lineTo(PAGE.margin + CONTENT_W, y).lineWidth(0.7).strokeColor(ACCENT).stroke();
    this.doc.y = y + 6;
  }

  /** A table with wrapped cells; the header repeats on a new page. */
  table(columns: { title: string; width: number }[], rows: { cells: string[]; colors?: (string | undefined)[] }[], size = 9) {
    const pad = 4;
    const drawHeader = () => {
      const h = Math.max(...columns.map((c) => this.height(c.title, c.width - 2 * pad, size, true))) + 2 * pad;
      const y = this.doc.y;
      this.doc.rect(PAGE.margin, y, CONTENT_W, h).fill('#eef2f7');
      let x = PAGE.margin;
      for (const c of columns) {
        this.text(c.title, { size, bold: true, x: x + pad, width: c.width - 2 * pad, y: y + pad });
        x += c.width;
      }
      this.doc.y = y + h;
    };
    const rowHeight = (r: { cells: string[] }) => Math.max(...r.cells.map((cell, i) => this.height(cell, columns[i].width - 2 * pad, size))) + 2 * pad;
    // Never leave a header alone at the foot of a page.
    const headerHeight = Math.max(...columns.map((c) => this.height(c.title, c.width - 2 * pad, size, true))) + 2 * pad;
    this.ensure(headerHeight + (rows[0] ? Math.min(rowHeight(rows[0]), 200) : 0));
    drawHeader();
    for (const r of rows) {
      const h = rowHeight(r);
      if (this.doc.y + h > BOTTOM) {
        this.doc.addPage();
        drawHeader();
      }
      const y = this.doc.y;
      let x = PAGE.margin;
      r.cells.forEach((cell, i) => {
        this.text(cell, { size, x: x + pad, width: columns[i].width - 2 * pad, y: y + pad, color: r.colors?.[i] });
        x += columns[i].width;
      });
      this.doc.moveTo(PAGE.margin, y + h).lineTo(PAGE.margin + CONTENT_W, y + h).lineWidth(0.5).strokeColor(LIGHT).stroke();
      this.doc.y = y + h;
    }
    this.doc.y += 6;
  }

  keyValues(rows: [string, string][]) {
    const kw = 120;
    for (const [k, v] of rows) {
      const h = Math.max(this.height(k, kw, 10, true), this.height(v, CONTENT_W - kw, 10));
      this.ensure(h + 4);
      const y = this.doc.y;
      this.text(k, { size: 10, bold: true, color: GREY, width: kw - 8, y });
      this.text(v, { size: 10, x: PAGE.margin + kw, width: CONTENT_W - kw, y });
      this.doc.y = y + h + 4;
    }
  }
}

function imageFits(bytes: Buffer | null, mediaType: string): bytes is Buffer {
  return bytes !== null && (mediaType === 'image/jpeg' || mediaType === 'image/png');
}

/**
 * Renders the report. Fonts come from the system (DejaVu or Liberation, and a CJK font for Chinese text: Noto Sans
 * CJK or WenQuanYi; BONAFIDE_PDF_CJK_FONT names another); `builtin` (or BONAFIDE_PDF_FONTS=builtin) uses the PDF
 * standard fonts, where Chinese text is marked […] instead.
 */
export function renderVisitReportPdf(d: VisitReportData, opts: { builtinFonts?: boolean } = {}): Promise<Buffer> {
  const builtin = opts.builtinFonts ?? appConfig().pdf.builtinFonts;
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({
      size: 'A4',
      margin: PAGE.margin,
      bufferPages: true,
      info: { Title: `${d.title} — visit report`, Author: 'Bonafide', Subject: d.engagementTitle, Producer: 'Bonafide', Creator: 'Bonafide', CreationDate: d.creationDate, ModDate: d.creationDate },
    });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    try {
      write(new Writer(doc, registerFonts(doc, builtin)), d);
      doc.end();
    } catch (e) {
      reject(e);
    }
  });
}

function write(w: Writer, d: VisitReportData) {
  const doc = w.doc;
  // --- title block
  w.text(`${d.typeLabel.toUpperCase()} REPORT`, { size: 9, bold: true, color: ACCENT });
  w.text(d.title, { size: 20, bold: true, gap: 2 });
  w.text(d.engagementTitle, { size: 11, color: GREY, gap: 6 });
  if (d.draft) {
    const y = doc.y;
    doc.rect(PAGE.margin, y, CONTENT_W, 22).fill('#fff4ce');
    w.text(`DRAFT — the visit is ${d.status.replace(/_/g, ' ')}; the report is final once the visit is closed.`, { size: 10, bold: true, color: '#7a5b00', x: PAGE.margin + 8, width: CONTENT_W - 16, y: y + 6 });
    doc.y = y + 30;
  }
  if (d.outcome) {
    const color = d.outcome.startsWith('Unsatisfactory') ? STATUS_COLOR.contradicted : d.outcome.includes('actions') ? STATUS_COLOR.unverified : STATUS_COLOR.supported;
    const y = doc.y;
    doc.rect(PAGE.margin, y, CONTENT_W, 26).fill(color);
    w.text(`Outcome: ${d.outcome}`, { size: 13, bold: true, color: '#ffffff', x: PAGE.margin + 10, width: CONTENT_W - 20, y: y + 6 });
    doc.y = y + 34;
  }

  // --- parties and dates
  w.heading('Parties, site and dates');
  w.keyValues([
    ...d.parties.map((p): [string, string] => [p.role, `${p.name} (${p.country})`]),
    ['Site', `${d.site.name}, ${d.site.address}`],
    ['Planned', d.planned],
    ...(d.closedAt ? [['Closed', d.closedAt] as [string, string]] : []),
    ...(d.lead ? [['Lead', d.lead] as [string, string]] : []),
  ]);
  if (d.participants.length) {
    w.text('Participants', { size: 10, bold: true, color: GREY, gap: 2 });
    for (const p of d.participants) w.text(`• ${p.name}${p.role ? `, ${p.role}` : ''} (${p.side})`, { size: 10 });
    doc.y += 4;
  }
  if (d.agenda.length) {
    w.text('Agenda', { size: 10, bold: true, color: GREY, gap: 2 });
    for (const a of d.agenda) w.text(`• ${a}`, { size: 10 });
  }

  // --- summary
  if (d.summary) {
    w.heading('Summary by the lead');
    w.text(d.summary, { size: 10.5 });
  }

  // --- claims checked
  w.heading('Claims checked against what was seen');
  if (d.capacity.length) {
    for (const c of d.capacity) {
      w.ensure(80);
      w.text(c.claim, { size: 10.5, bold: true });
      w.text(`Observed capacity = ${c.formula}`, { size: 9.5, color: '#222222' });
      w.text(c.explanation, { size: 9.5, color: STATUS_COLOR[c.status] ?? '#000000' });
      w.text(`Provenance: ${c.provenance.replace(/_/g, ' ')} · recorded by ${c.recordedBy}, ${c.at}`, { size: 8.5, color: GREY, gap: 6 });
    }
  } else {
    w.text('No capacity was counted on this visit.', { size: 10, color: GREY, gap: 4 });
  }
  if (d.claims.length) {
    w.table(
      [
        { title: 'Claim', width: 250 },
        { title: 'Claimed', width: 110 },
        { title: 'Status in the engagement', width: CONTENT_W - 360 },
      ],
      d.claims.map((c) => ({
        cells: [c.title, c.claimed, `${c.status}${c.provenance ? ` (${c.provenance.replace(/_/g, ' ')})` : ''}`],
        colors: [undefined, undefined, STATUS_COLOR[c.status]],
      })),
    );
  }

  // --- findings
  w.heading(`Findings (${d.findings.length})`);
  if (d.findings.length) {
    w.table(
      [
        { title: '#', width: 22 },
        { title: 'Severity', width: 68 },
        { title: 'Finding', width: 215 },
        { title: 'Claim', width: 90 },
        { title: 'Follow-up', width: CONTENT_W - 395 },
      ],
      d.findings.map((f) => ({
        cells: [String(f.n), f.severity, `${f.text}\n— ${f.recordedBy}`, f.claim ?? '—', f.followUp ?? '—'],
        colors: [undefined, f.severity === 'major' ? STATUS_COLOR.contradicted : f.severity === 'minor' ? STATUS_COLOR.unverified : GREY],
      })),
    );
  } else {
    w.text('No findings were recorded.', { size: 10, color: GREY });
  }

  // --- checklist
  if (d.checklist) {
    w.heading('Checklist');
    for (const s of d.checklist) {
      w.ensure(120);
      w.text(s.title, { size: 11, bold: true });
      w.text(s.titleZh, { size: 9, color: GREY, gap: 2 });
      w.table(
        [
          { title: 'Question', width: 290 },
          { title: 'Answer', width: CONTENT_W - 290 },
        ],
        s.rows.map((r) => ({ cells: [r.question, r.note ? `${r.answer}\n${r.note}` : r.answer] })),
        8.5,
      );
    }
  }

  // --- photos, two to a row, each with its caption
  if (d.photos.length) {
    w.heading(`Photos (${d.photos.length})`);
    const colW = (CONTENT_W - 14) / 2;
    const imgH = 170;
    const captionOf = (p: ReportPhoto) => `${p.label}${p.caption ? ` — ${p.caption}` : ''}`;
    for (let i = 0; i < d.photos.length; i += 2) {
      const row = d.photos.slice(i, i + 2);
      const captionH = Math.max(...row.map((p) => w.height(captionOf(p), colW, 8.5)));
      if (doc.y + imgH + captionH + 12 > BOTTOM) doc.addPage();
      const rowY = doc.y;
      row.forEach((p, col) => {
        const x = PAGE.margin + col * (colW + 14);
        let drawn = false;
        if (imageFits(p.bytes, p.mediaType)) {
          try {
            doc.image(p.bytes, x, rowY, { fit: [colW, imgH], align: 'center', valign: 'center' });
            drawn = true;
          } catch {
            drawn = false;
          }
        }
        if (!drawn) {
          doc.rect(x, rowY, colW, imgH).lineWidth(0.5).strokeColor(LIGHT).stroke();
          const why = imageFits(p.bytes, p.mediaType) ? '(this image could not be embedded)' : `(${p.mediaType} — not embedded; open it in Bonafide)`;
          w.text(why, { size: 9, color: GREY, x: x + 8, width: colW - 16, y: rowY + imgH / 2 - 6 });
        }
        w.text(captionOf(p), { size: 8.5, color: GREY, x, width: colW, y: rowY + imgH + 4 });
      });
      doc.y = rowY + imgH + 4 + captionH + 12;
    }
  }

  // --- sincerity
  if (d.sincerity) {
    w.heading('The supplier’s assessment of the buyer');
    w.text(
      `${d.sincerity.index === null ? 'Incomplete' : `Index ${d.sincerity.index} of 100 (${d.sincerity.band})`}${d.sincerity.shared ? ' · shared with the buyer' : ' · not shared with the buyer'}`,
      { size: 10, gap: 4 },
    );
    w.table(
      [
        { title: 'Dimension', width: 210 },
        { title: 'Score', width: 50 },
        { title: 'Note', width: CONTENT_W - 260 },
      ],
      d.sincerity.dimensions.map((x) => ({ cells: [x.title, x.score === null ? '—' : `${x.score} / ${x.max}`, x.note ?? ''] })),
    );
    if (d.sincerity.comment) w.text(d.sincerity.comment, { size: 10 });
  }

  // --- sign-off
  w.heading('Sign-off');
  for (const s of d.signOffs) {
    w.ensure(90);
    w.text(`${s.side} — ${s.organization}`, { size: 10.5, bold: true, gap: 2 });
    if (s.signed) {
      w.text(`Signed by ${s.signed.person} on ${s.signed.at}.`, { size: 10 });
      if (s.signed.statement) w.text(`“${s.signed.statement}”`, { size: 10, color: '#222222' });
      w.text(`SHA-256 of the report as signed: ${s.signed.sha256}`, { size: 8.5, color: GREY, gap: 10 });
    } else {
      doc.y += 18;
      const y = doc.y;
      for (const [i, label] of ['Name', 'Date', 'Signature'].entries()) {
        const x = PAGE.margin + i * (CONTENT_W / 3);
        doc.moveTo(x, y).lineTo(x + CONTENT_W / 3 - 16, y).lineWidth(0.6).strokeColor('#000000').stroke();
        w.text(label, { size: 8.5, color: GREY, x, width: CONTENT_W / 3 - 16, y: y + 3 });
      }
      doc.y = y + 24;
    }
  }

  // --- footer on every page
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    // Writing below the bottom margin would start a new page.
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    const [font, footer] = w.pick(`Bonafide · ${d.title} · ${d.viewer} · page ${i + 1} of ${range.count}`);
    doc.font(font).fontSize(7.5).fillColor(GREY);
    doc.text(footer, PAGE.margin, PAGE.height - PAGE.margin + 8, { width: CONTENT_W, align: 'center', lineBreak: false });
    doc.page.margins.bottom = bottom;
  }
}
