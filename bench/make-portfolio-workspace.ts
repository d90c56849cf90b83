// Generates the portfolio-scale workspace of issue 14: the demo, with the demo buyer (anna.weber@nordlicht.example,
// password bonafide-demo-2026) holding 1,000 engagements and 100,000 evidence items.
// `npx tsx bench/make-portfolio-workspace.ts <database url> [engagements] [evidence per engagement] [data dir]`
// e.g. `npx tsx bench/make-portfolio-workspace.ts sqlite:/tmp/portfolio.sqlite`, then `bonafide serve --database …`.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makePortfolioWorkspace } from './support/portfolio-world.js';

const [url, engagements = '1000', perEngagement = '100', dataDir] = process.argv.slice(2);
if (!url) {
  console.error('usage: tsx bench/make-portfolio-workspace.ts <database url> [engagements] [evidence per engagement] [data dir]');
  process.exit(2);
}
const w = await makePortfolioWorkspace(url, dataDir ?? mkdtempSync(join(tmpdir(), 'bonafide-portfolio-data-')), {
  engagements: Number(engagements),
  evidencePerEngagement: Number(perEngagement),
});
console.log(`${w.buyerEmail}: ${w.engagements.toLocaleString('en-US')} engagements, ${w.evidence.toLocaleString('en-US')} evidence items (${(w.ms / 1000).toFixed(1)} s)`);
process.exit(0);
