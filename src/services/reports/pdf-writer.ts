// A small PDF writer for reports read on paper (pdfkit): fonts that carry the text (DejaVu or Liberation for Latin,
// a CJK font for Chinese, the PDF standard fonts as a last resort), wrapped text, headings, tables whose header
// repeats on a new page, key-value blocks and a footer on every page. The same input gives the same bytes.
import { existsSync } from 'node:fs';
import PDFDocument from 'pdfkit';
import { appConfig } from '../../config.js';

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

export interface FontSet {
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

export function registerFonts(doc: PDFKit.PDFDocument, builtin: boolean): FontSet {
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

export const PAGE = { margin: 50, width: 595.28, height: 841.89 };
export const CONTENT_W = PAGE.width - 2 * PAGE.margin;
export const BOTTOM = PAGE.height - PAGE.margin - 20;
export const GREY = '#555555';
export const LIGHT = '#dddddd';
export const ACCENT = '#1c4e80';
export const STATUS_COLOR: Record<string, string> = { supported: '#1e7b34', contradicted: '#b3261e', unverified: '#8a6d00' };

export class Writer {
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

/** Footer line on every page ("… · page 2 of 5"), written once the content is complete. */
export function writeFooters(w: Writer, text: (page: number, pages: number) => string) {
  const doc = w.doc;
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    // Writing below the bottom margin would start a new page.
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    const [font, footer] = w.pick(text(i + 1, range.count));
    doc.font(font).fontSize(7.5).fillColor(GREY);
    doc.text(footer, PAGE.margin, PAGE.height - PAGE.margin + 8, { width: CONTENT_W, align: 'center', lineBreak: false });
    doc.page.margins.bottom = bottom;
  }
}

/** Renders a document: `write` lays out the content; info dates are the given ones, so bytes are reproducible. */
export function renderPdf(
  info: { title: string; subject: string; date: Date },
  write: (w: Writer) => void,
  opts: { builtinFonts?: boolean } = {},
): Promise<Buffer> {
  const builtin = opts.builtinFonts ?? appConfig().pdf.builtinFonts;
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({
      size: 'A4',
      margin: PAGE.margin,
      bufferPages: true,
      info: { Title: info.title, Author: 'Bonafide', Subject: info.subject, Producer: 'Bonafide', Creator: 'Bonafide', CreationDate: info.date, ModDate: info.date },
    });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    try {
      write(new Writer(doc, registerFonts(doc, builtin)));
      doc.end();
    } catch (e) {
      reject(e);
    }
  });
}
