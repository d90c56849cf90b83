// Quality data shared by the services and by readiness: the specifications that apply to an engagement, and the
// SPC analysis of a series (subgrouped by lot when the data allow). No engagement loading here (readiness.ts
// imports this module, and engagements.ts imports readiness.ts).
import type { EngagementRow } from '../../db/repositories/engagements.js';
import type { Executor } from '../../db/repositories/executor.js';
import { listSpecificationVersions, listSpecifications, type SpecificationRow } from '../../db/repositories/quality.js';
import { measurementSeries } from '../../db/repositories/quality-imports.js';
import {
  characteristicKey,
  productInScope,
  productKey,
  subgroupSizeByLot,
  type CharacteristicSpec,
  type ProductSpecification,
} from '../../domain/quality/index.js';
import { analyzeSpc, SpcInputError, subgroupLayout, type SpcResult } from '../../domain/spc/index.js';
import { AppError, invalidField, notFound } from '../shared/errors.js';

export interface EngagementSpecification extends ProductSpecification {
  row: SpecificationRow;
  title: string;
}

/** The buyer's active specifications whose product the engagement's scope names, at their current version. */
export async function specificationsForEngagement(db: Executor, e: EngagementRow): Promise<EngagementSpecification[]> {
  const scope = JSON.parse(e.scope) as { products?: string[] };
  const rows = (await listSpecifications(db, e.buyer_organization_id)).filter((s) => productInScope(s.product, s.title, scope.products ?? []));
  const versions = await listSpecificationVersions(db, rows.map((r) => r.id));
  return rows.map((row) => {
    const v = versions.find((x) => x.specification_id === row.id && x.version === row.current_version)!;
    return { row, specificationId: row.id, version: v.version, product: row.product, title: v.title, characteristics: JSON.parse(v.characteristics) as CharacteristicSpec[] };
  });
}

export const NELSON_RULES: Record<number, string> = {
  1: 'one point more than 3σ from the center line',
  2: 'nine points in a row on the same side of the center line',
  3: 'six points in a row steadily increasing or decreasing',
  4: 'fourteen points in a row alternating up and down',
  5: 'two of three points in a row more than 2σ from the center line, same side',
  6: 'four of five points in a row more than 1σ from the center line, same side',
  7: 'fifteen points in a row within 1σ of the center line',
  8: 'eight points in a row more than 1σ from the center line, on both sides',
};

export function findCharacteristic(specs: EngagementSpecification[], product: string, characteristic: string) {
  const spec = specs.find((s) => productKey(s.product) === productKey(product));
  if (!spec) throw notFound(`specification for ${product} in this engagement`);
  const c = spec.characteristics.find((x) => characteristicKey(x.key) === characteristicKey(characteristic) || characteristicKey(x.name) === characteristicKey(characteristic));
  if (!c) throw notFound(`characteristic ${characteristic} of ${spec.product}`);
  return { spec, c };
}

function limitsOf(c: CharacteristicSpec) {
  return { ...(c.lsl !== null ? { lsl: c.lsl } : {}), ...(c.usl !== null ? { usl: c.usl } : {}) };
}

/** analyzeSpc over values in production order, subgrouped by lot when the lots allow it (or as asked). */
export function analyzeSeries(values: Float64Array, lots: readonly string[], c: CharacteristicSpec, subgroupSize?: number) {
  const k = subgroupSize ?? subgroupSizeByLot(lots);
  const by: 'none' | 'lot' | 'consecutive' = subgroupSize === undefined ? (k > 1 ? 'lot' : 'none') : k === 1 ? 'none' : 'consecutive';
  let result: SpcResult;
  try {
    result = analyzeSpc(values, { subgroupSize: k, ...limitsOf(c), includePoints: true });
  } catch (err) {
    if (err instanceof SpcInputError) {
      if (err.field === 'values') throw new AppError(422, 'insufficient_data', err.message, [{ path: 'characteristic', message: err.message }]);
      throw invalidField(err.field, err.message);
    }
    throw err;
  }
  return { result, k, by, dropped: subgroupLayout(values.length, k).dropped };
}

/** The analysis readiness and the overview use: the most recent values of one characteristic. */
export const RECENT_VALUES = 1000;

export async function recentCapability(db: Executor, e: EngagementRow, spec: EngagementSpecification, c: CharacteristicSpec) {
  const points = await measurementSeries(db, {
    engagementId: e.id,
    supplierOrganizationId: e.supplier_organization_id,
    product: spec.product,
    characteristic: c.key,
    last: RECENT_VALUES,
  });
  if (points.length < 4) return null;
  try {
    const { result } = analyzeSeries(
      Float64Array.from(points, (p) => p.value),
      points.map((p) => p.lot),
      c,
    );
    return { result, lots: [...new Set(points.map((p) => p.lot))] };
  } catch {
    return null;
  }
}

