// A sample test held against a specification: each characteristic passes or fails. Pure.
import type { OrganizationKind, Provenance } from '../model.js';
import { characteristicKey, type CharacteristicSpec, type Criticality } from './rows.js';

/** Who ran a sample test: the buyer's own lab, the supplier's, or an independent lab. */
export const SAMPLE_TEST_RUNNERS = ['supplier', 'buyer', 'third_party_lab'] as const;
export type SampleTestRunner = (typeof SAMPLE_TEST_RUNNERS)[number];

/**
 * Which runners an organization may record a test of, in the order a form offers them: a buyer records its own
 * lab's, an independent lab's or the supplier's test; a supplier its own or an independent lab's (a test run by
 * the buyer's lab is the buyer's to record); an auditor none.
 */
export function sampleTestRunners(recorder: OrganizationKind): SampleTestRunner[] {
  if (recorder === 'buyer') return ['buyer', 'third_party_lab', 'supplier'];
  if (recorder === 'supplier') return ['supplier', 'third_party_lab'];
  return [];
}

/**
 * The provenance a sample test gets from who ran it and who records it (evidence/provenance-rules.ts): the buyer
 * records an independent lab's test as third-party, its own lab's as observed, the supplier's as documented; a
 * supplier records any test about itself as documented (it cannot make its own evidence third-party). Null when
 * the recorder may not record that runner's test.
 */
export function sampleTestProvenance(recorder: OrganizationKind, runBy: SampleTestRunner): Provenance | null {
  if (!sampleTestRunners(recorder).includes(runBy)) return null;
  if (recorder === 'supplier') return 'documented';
  if (runBy === 'third_party_lab') return 'third_party';
  if (runBy === 'buyer') return 'observed';
  return 'documented';
}

/** Whether the test report must be attached: always, except for what the verifying party observed itself. */
export function sampleTestNeedsReport(provenance: Provenance): boolean {
  return provenance !== 'observed';
}

export interface SampleResultInput {
  /** Sample id as written on the report, e.g. "S1". */
  sample: string;
  /** Measured values by characteristic key (or name), in the specification's unit. */
  values: Readonly<Record<string, number>>;
}

export interface CharacteristicVerdict {
  key: string;
  name: string;
  unit: string;
  criticality: Criticality;
  lsl: number | null;
  usl: number | null;
  nominal: number | null;
  n: number;
  min: number | null;
  max: number | null;
  mean: number | null;
  /** 'not_tested' when no sample has a value for it. */
  verdict: 'pass' | 'fail' | 'not_tested';
  /** Samples outside the limits. */
  failedSamples: string[];
}

export interface SampleTestEvaluation {
  verdict: 'pass' | 'fail';
  characteristics: CharacteristicVerdict[];
  /** One line per characteristic, for the evidence description. */
  summary: string;
}

export class SampleTestInputError extends Error {
  override readonly name = 'SampleTestInputError';
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(message);
  }
}

/** Within the limits, both inclusive; a one-sided specification checks only its side. */
export function withinLimits(value: number, c: Pick<CharacteristicSpec, 'lsl' | 'usl'>): boolean {
  if (c.lsl !== null && value < c.lsl) return false;
  if (c.usl !== null && value > c.usl) return false;
  return true;
}

function fmt(n: number): string {
  return Number(n.toPrecision(6)).toString();
}

/**
 * Each characteristic passes when every measured sample lies within its limits. The test passes when no
 * characteristic fails and at least one was tested; characteristics without values are reported as not tested.
 */
export function evaluateSampleTest(characteristics: readonly CharacteristicSpec[], samples: readonly SampleResultInput[]): SampleTestEvaluation {
  const byKey = new Map<string, CharacteristicSpec>();
  for (const c of characteristics) {
    byKey.set(characteristicKey(c.key), c);
    if (!byKey.has(characteristicKey(c.name))) byKey.set(characteristicKey(c.name), c);
  }
  const values = new Map<string, { sample: string; value: number }[]>();
  const seenSamples = new Set<string>();
  samples.forEach((s, i) => {
    if (seenSamples.has(s.sample)) throw new SampleTestInputError(`samples.${i}.sample`, `sample ${s.sample} appears twice`);
    seenSamples.add(s.sample);
    for (const [k, v] of Object.entries(s.values)) {
      const c = byKey.get(characteristicKey(k));
      if (!c) throw new SampleTestInputError(`samples.${i}.values.${k}`, `unknown characteristic ${k}; the specification has ${characteristics.map((x) => x.key).join(', ')}`);
      if (typeof v !== 'number' || !Number.isFinite(v)) throw new SampleTestInputError(`samples.${i}.values.${k}`, 'must be a finite number');
      const list = values.get(c.key) ?? [];
      if (list.some((x) => x.sample === s.sample)) throw new SampleTestInputError(`samples.${i}.values.${k}`, `${c.key} is given twice for sample ${s.sample}`);
      list.push({ sample: s.sample, value: v });
      values.set(c.key, list);
    }
  });
  const out: CharacteristicVerdict[] = characteristics.map((c) => {
    const list = values.get(c.key) ?? [];
    const base = { key: c.key, name: c.name, unit: c.unit, criticality: c.criticality, lsl: c.lsl, usl: c.usl, nominal: c.nominal, n: list.length };
    if (list.length === 0) return { ...base, min: null, max: null, mean: null, verdict: 'not_tested' as const, failedSamples: [] };
    let min = Infinity;
    let max = -Infinity;
    let sum = 0;
    const failed: string[] = [];
    for (const { sample, value } of list) {
      if (value < min) min = value;
      if (value > max) max = value;
      sum += value;
      if (!withinLimits(value, c)) failed.push(sample);
    }
    return { ...base, min, max, mean: sum / list.length, verdict: failed.length ? ('fail' as const) : ('pass' as const), failedSamples: failed };
  });
  const tested = out.filter((c) => c.verdict !== 'not_tested');
  const verdict = tested.length > 0 && tested.every((c) => c.verdict === 'pass') ? 'pass' : 'fail';
  const limits = (c: CharacteristicVerdict) =>
    c.lsl !== null && c.usl !== null ? `${fmt(c.lsl)}–${fmt(c.usl)} ${c.unit}` : c.lsl !== null ? `≥ ${fmt(c.lsl)} ${c.unit}` : c.usl !== null ? `≤ ${fmt(c.usl)} ${c.unit}` : `no limits`;
  const summary = out
    .map((c) =>
      c.verdict === 'not_tested'
        ? `${c.name}: not tested`
        : `${c.name} (${limits(c)}): ${c.verdict === 'pass' ? 'pass' : `FAIL (${c.failedSamples.join(', ')})`}, n=${c.n}, ${fmt(c.min!)}…${fmt(c.max!)} ${c.unit}`,
    )
    .join('; ');
  return { verdict, characteristics: out, summary };
}
