// The public supplier page as plain HTML from the server: it opens without an account or JavaScript, at a link
// the supplier can send anyone, and reads well on a phone. Every value is escaped.
import type { PublicSupplierProfileT } from '../../contracts/suppliers.js';
import { kindLabel, PAGE_TEXT, summaryZh, type PageLanguage } from './supplier-page-text.js';

const esc = (s: string | number | null | undefined) =>
  String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

function num(n: number, lang: PageLanguage) {
  return new Intl.NumberFormat(lang === 'en' ? 'en-US' : 'zh-CN').format(n);
}

type Claim = PublicSupplierProfileT['claims'][number];
export function claimStanding(c: Claim): 'verified' | 'self_declared' | 'unverified' | 'contradicted' {
  if (c.status === 'contradicted') return 'contradicted';
  if (c.verified) return 'verified';
  return c.strongest ? 'self_declared' : 'unverified';
}

const STYLE = `
*{box-sizing:border-box}body{margin:0;font-family:system-ui,-apple-system,"Segoe UI","PingFang SC","Noto Sans CJK SC",sans-serif;color:#1f2933;background:#f5f7fa;line-height:1.5}
header{background:#1c4e80;color:#fff;padding:28px 20px}header .wrap,main{max-width:960px;margin:0 auto}
header h1{margin:4px 0 6px;font-size:1.7rem;line-height:1.25}header p{margin:4px 0;opacity:.92}.eyebrow{text-transform:uppercase;letter-spacing:.06em;font-size:.75rem;opacity:.8}
.lang{float:right;font-size:.85rem}.lang a{color:#fff;margin-left:10px}
main{padding:20px}section{background:#fff;border:1px solid #e4e7eb;border-radius:10px;padding:18px 20px;margin-bottom:16px}
h2{font-size:1.1rem;margin:0 0 4px}.hint{color:#616e7c;font-size:.85rem;margin:0 0 12px}
ul.list{list-style:none;margin:0;padding:0}ul.list li{padding:10px 0;border-top:1px solid #eef1f4}ul.list li:first-child{border-top:0}
.row{display:flex;gap:10px;align-items:flex-start;justify-content:space-between}.row>div{flex:1 1 auto;min-width:0}.title{font-weight:600}
.value{color:#3e4c59;font-size:.92rem}.summary{color:#52606d;font-size:.88rem;margin-top:2px}
.badge{display:inline-block;border-radius:999px;padding:2px 10px;font-size:.78rem;font-weight:600;white-space:nowrap}
.b-verified{background:#e3f9e5;color:#0e5a1c}.b-self_declared{background:#fff3c4;color:#7c5e10}.b-unverified{background:#e4e7eb;color:#3e4c59}.b-contradicted{background:#ffe3e3;color:#8a041a}
.muted{color:#7b8794;font-size:.85rem}code{font-size:.78rem;background:#f0f4f8;padding:1px 4px;border-radius:4px;word-break:break-all}
header code{background:rgba(255,255,255,.16);color:#fff}a{color:#1c4e80}footer{max-width:960px;margin:0 auto;padding:0 20px 30px;color:#7b8794;font-size:.8rem}
@media (max-width:480px){header{padding:20px 16px}header h1{font-size:1.35rem}main{padding:12px}section{padding:14px}}
`;

function page(lang: PageLanguage, title: string, body: string) {
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">` +
    `<title>${esc(title)}</title><style>${STYLE}</style></head><body>${body}</body></html>`;
}

function langLinks(lang: PageLanguage, path: string) {
  const t = PAGE_TEXT[lang];
  return `<nav class="lang" aria-label="${esc(t.language)}"><a href="${esc(path)}?lang=en"${lang === 'en' ? ' aria-current="true"' : ''}>English</a><a href="${esc(path)}?lang=zh-CN"${lang === 'zh-CN' ? ' aria-current="true"' : ''}>简体中文</a></nav>`;
}

export function renderSupplierPage(p: PublicSupplierProfileT, lang: PageLanguage): string {
  const t = PAGE_TEXT[lang];
  const path = new URL(p.links.html).pathname;
  const claimValue = (c: Claim) => {
    if (c.value === null) return '';
    const per = c.period ? ` / ${t.period[c.period] ?? c.period}` : '';
    const limit = c.statedLimit !== null ? ` (${t.limit(num(c.statedLimit, lang))})` : '';
    return `${num(c.value, lang)}${c.unit ? ` ${c.unit}` : ''}${per}${limit}`;
  };
  const claims = p.claims.length
    ? `<ul class="list" data-testid="public-claims">${p.claims
        .map((c) => {
          const s = claimStanding(c);
          const summary = lang === 'en' ? c.summary : summaryZh(s, c.strongest);
          return `<li data-standing="${s}"><div class="row"><div><div class="title">${esc(c.title)}</div>${c.value !== null ? `<div class="value">${esc(claimValue(c))}${c.productLine ? ` · ${esc(c.productLine)}` : ''}</div>` : ''}<div class="summary">${esc(summary)}</div></div><span class="badge b-${s}">${esc(t.standing[s])}</span></div></li>`;
        })
        .join('')}</ul>`
    : `<p class="muted">${esc(t.noClaims)}</p>`;
  const limitations = p.limitations.length
    ? `<ul class="list" data-testid="public-limitations">${p.limitations.map((l) => `<li><div class="title">${esc(l.title)}</div><div class="muted">${esc(t.since(l.since))}</div></li>`).join('')}</ul>`
    : `<p class="muted">${esc(t.noLimitations)}</p>`;
  const expiring = p.expiring.length
    ? `<ul class="list" data-testid="public-expiring">${p.expiring.map((x) => `<li class="row" style="flex-wrap:wrap"><span class="title">${esc(x.title)}</span><span class="muted">${esc(t.validUntil(x.validTo.slice(0, 10)))} · ${esc(t.daysLeft(x.daysLeft))}</span></li>`).join('')}</ul>`
    : `<p class="muted">${esc(t.noExpiring)}</p>`;
  const evidence = p.evidence.length
    ? `<ul class="list" data-testid="public-evidence">${p.evidence
        .map(
          (e) =>
            `<li><div class="title">${esc(e.title)}</div><div class="muted">${esc(kindLabel(e.kind, lang))}${e.issuer ? ` · ${esc(t.issuer)}: ${esc(e.issuer)}` : ''}${e.validTo ? ` · ${esc(t.validUntil(e.validTo.slice(0, 10)))}` : ''}</div>${e.sha256.map((h) => `<div><code title="SHA-256">${esc(h)}</code></div>`).join('')}</li>`,
        )
        .join('')}</ul>`
    : `<p class="muted">${esc(t.noEvidence)}</p>`;
  const sites = p.sites.length
    ? `<ul class="list" data-testid="public-sites">${p.sites
        .map(
          (s) =>
            `<li><div class="title">${esc(s.name)}</div><div class="value">${esc(s.address)} · ${esc(s.country)}${s.headcount ? ` · ${esc(t.headcount(s.headcount))}` : ''}</div>${s.processes.length ? `<div class="muted">${esc(s.processes.join(', '))}</div>` : ''}<div><a href="${esc(new URL(s.facilityRecord).pathname + new URL(s.facilityRecord).hash)}">${esc(t.facilityRecord)}</a></div></li>`,
        )
        .join('')}</ul>`
    : `<p class="muted">${esc(t.noSites)}</p>`;
  const credentials = p.credentials.length
    ? `<ul class="list" data-testid="public-credentials">${p.credentials
        .map(
          (c) =>
            `<li><div class="row"><div><div class="title">${esc(c.issuer)}</div><div class="value">${esc(c.review ?? c.name)}</div>` +
            `${c.period ? `<div class="muted">${esc(c.period.from.slice(0, 10))} – ${esc(c.period.until.slice(0, 10))}</div>` : ''}` +
            `<div class="summary">${esc(t.credentialFacts(c.kpis.filter((k) => k.status === 'met').length, c.kpis.length, c.discrepancies?.closed ?? 0, c.discrepancies?.raised ?? 0))}</div>` +
            `<div class="muted">${esc(t.credentialChecked)}</div></div><span class="badge b-verified">${esc(t.standing.verified)}</span></div></li>`,
        )
        .join('')}</ul>`
    : `<p class="muted" data-testid="public-credentials">${esc(t.credentialsNone)}</p>`;
  const ids = p.identifiers.length ? `<p>${esc(t.identifiers)}: ${p.identifiers.map((i) => `<code>${esc(i.scheme)} ${esc(i.value)}</code>`).join(' ')}</p>` : '';
  const body =
    `<header><div class="wrap">${langLinks(lang, path)}<div class="eyebrow">${esc(t.verifiedProfile)}</div><h1 data-testid="public-name">${esc(p.name)}</h1>` +
    `${p.headline ? `<p data-testid="public-headline">${esc(p.headline)}</p>` : ''}${p.description ? `<p>${esc(p.description)}</p>` : ''}` +
    `<p>${esc(p.country)}${p.website ? ` · ${esc(t.website)}: ${esc(p.website)}` : ''}</p>${ids}<p class="eyebrow">${esc(t.generated(p.generatedAt.slice(0, 10)))}</p></div></header>` +
    `<main><section><h2>${esc(t.claims)}</h2><p class="hint">${esc(t.claimsHint)}</p>${claims}</section>` +
    `<section><h2>${esc(t.limitations)}</h2>${limitations}</section>` +
    `<section><h2>${esc(t.expiring)}</h2>${expiring}</section>` +
    `<section><h2>${esc(t.evidence)}</h2>${evidence}</section>` +
    `<section><h2>${esc(t.credentials)}</h2>${credentials}</section>` +
    `<section><h2>${esc(t.sites)}</h2>${sites}</section>` +
    `<section><p><a href="${esc(path)}.json" data-testid="public-json">${esc(t.json)}</a></p><p><a href="${esc(path)}/facilities.json">${esc(t.facilityRecords)}</a></p></section></main>` +
    `<footer>${esc(t.poweredBy)}</footer>`;
  return page(lang, t.title(p.name), body);
}

export function renderNotFoundPage(lang: PageLanguage): string {
  const t = PAGE_TEXT[lang];
  return page(lang, t.notFoundTitle, `<header><div class="wrap"><h1>${esc(t.notFoundTitle)}</h1></div></header><main><section><p>${esc(t.notFound)}</p></section></main>`);
}

