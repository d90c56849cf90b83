// A buyer, a supplier, the buyer's specification of the benchmark product and an accepted engagement between them —
// made through the product's own API on a throw-away server, so the import benchmarks start from the state a user
// would be in. `batchCsv` writes the benchmark files.
import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { startProduct } from './server.js';
import { tempDir } from '../harness.js';

export const PRODUCT = 'NM-4472-A';
const PASSWORD = 'bench password 1';

export interface QualityWorld {
  supplierId: string;
  supplierEmail: string;
  buyerEmail: string;
  engagementId: string;
}

async function post<T>(base: string, path: string, body: unknown, headers: Record<string, string> = {}): Promise<{ body: T; cookie: string }> {
  const res = await fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`POST ${path}: ${res.status} ${await res.text()}`);
  return { body: (await res.json()) as T, cookie: (res.headers.get('set-cookie') ?? '').split(';')[0]! };
}

async function csrf(base: string, cookie: string): Promise<Record<string, string>> {
  const r = (await (await fetch(`${base}/api/v1/auth/csrf`, { headers: { cookie } })).json()) as { token: string };
  return { cookie, 'x-csrf-token': r.token };
}

/** Sets the world up in `database` (migrated by the server), then stops the server. */
export async function makeQualityWorld(database: string, dataDir: string): Promise<QualityWorld> {
  const server = await startProduct({ database, dataDir, logFile: join(tempDir('world'), 'server.log') });
  try {
    const base = server.url;
    const tag = Math.random().toString(36).slice(2, 8);
    const buyerEmail = `buyer-${tag}@bench.example`;
    const supplierEmail = `supplier-${tag}@bench.example`;
    const b = await post<{ organization: { id: string } }>(base, '/api/v1/auth/signup', {
      email: buyerEmail,
      password: PASSWORD,
      displayName: 'Bench Buyer',
      organization: { name: 'Bench Buyer GmbH', kind: 'buyer', country: 'DE' },
    });
    const s = await post<{ organization: { id: string } }>(base, '/api/v1/auth/signup', {
      email: supplierEmail,
      password: PASSWORD,
      displayName: 'Bench Supplier',
      organization: { name: 'Bench Supplier Ltd', kind: 'supplier', country: 'CN' },
    });
    const bh = await csrf(base, b.cookie);
    const sh = await csrf(base, s.cookie);
    await post(base, '/api/v1/specifications', {
      product: PRODUCT,
      title: 'IP-7 rear housing',
      characteristics: [
        { key: 'bore_diameter', name: 'Bore Ø 32 H7', unit: 'mm', nominal: 32, lsl: 32, usl: 32.025, criticality: 'critical', method: null },
        { key: 'wall_thickness', name: 'Wall thickness', unit: 'mm', nominal: 2.5, lsl: 2.3, usl: null, criticality: 'major', method: null },
      ],
    }, bh);
    const e = await post<{ id: string }>(base, '/api/v1/engagements', {
      supplierOrganizationId: s.body.organization.id,
      title: 'Bench engagement',
      scope: { products: [PRODUCT], categories: [], productLines: [], expectedVolumes: [], destinationCountry: 'DE', productMaturity: 'custom' },
    }, bh);
    await post(base, `/api/v1/engagements/${e.body.id}/response`, { decision: 'accept' }, sh);
    return { supplierId: s.body.organization.id, supplierEmail, buyerEmail, engagementId: e.body.id };
  } finally {
    await server.stop();
  }
}

export const ROWS_PER_LOT = 1000;
const HEADER = 'lot,product,produced_at,characteristic,value,unit,line\n';

export interface BatchRow {
  lot: string;
  producedAt: string;
  characteristic: string;
  value: string;
  unit: string;
  line: string;
}

/**
 * Row i of a benchmark file: lots of 1,000 measurements, one lot an hour. `mixed` alternates the bore diameter (mm)
 * with the wall thickness written in µm (converted to the specification's mm on import); otherwise every row is a
 * bore diameter, one series of `rows` values for SPC, with a shift now and then for the Nelson rules to find.
 */
export function batchRow(i: number, mixed = true): BatchRow {
  const l = Math.floor(i / ROWS_PER_LOT);
  const producedAt = new Date(Date.UTC(2024, 0, 1) + l * 3_600_000).toISOString();
  const wobble = ((i * 7919) % 1000) / 1000 - 0.5;
  const bore = !mixed || i % 2 === 0;
  const shift = !mixed && l % 97 === 13 ? 0.004 : 0;
  return {
    lot: `L${String(l).padStart(6, '0')}`,
    producedAt,
    characteristic: bore ? 'bore_diameter' : 'wall_thickness',
    value: bore ? (32.0125 + wobble * 0.01 + shift).toFixed(4) : (2500 + wobble * 100).toFixed(1),
    unit: bore ? 'mm' : 'µm',
    line: l % 2 === 0 ? 'Line 1' : 'Line 2',
  };
}

export async function batchCsv(file: string, rows: number, mixed = true): Promise<void> {
  const out = createWriteStream(file);
  out.write(HEADER);
  let buf = '';
  for (let i = 0; i < rows; i++) {
    const r = batchRow(i, mixed);
    buf += `${r.lot},${PRODUCT},${r.producedAt},${r.characteristic},${r.value},${r.unit},${r.line}\n`;
    if (buf.length > 1 << 16) {
      if (!out.write(buf)) await new Promise<void>((res) => out.once('drain', () => res()));
      buf = '';
    }
  }
  out.write(buf);
  await new Promise<void>((res, rej) => out.end((err?: Error | null) => (err ? rej(err) : res())));
}
