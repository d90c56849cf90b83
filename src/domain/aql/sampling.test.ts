import { describe, expect, it } from 'vitest';
import { AQLSCHEMES_RESOLVED } from './aqlschemes.fixture.js';
import { AqlInputError, aqlIndex, codeLetterFor, formatAql, masterTablePlan, samplingPlan } from './sampling.js';
import { AQL_VALUES, CODE_LETTERS, INSPECTION_LEVELS, type CodeLetter, type Severity } from './tables.js';

function parsePlan(text: string): { n: number; ac: number; re: number } {
  const m = /^(\d+):\s*(\d+)\/(\d+)$/.exec(text.trim());
  if (!m) throw new Error(`bad plan ${text}`);
  return { n: Number(m[1]), ac: Number(m[2]), re: Number(m[3]) };
}

// standards.md §1.4 "Resolved plans for AQL 0.65–6.5 — cell = n: Ac/Re (arrows already followed)", recomputed
// there from cran/AQLSchemes R/AAZ14Single.R. Columns: AQL 0.65 | 1.0 | 1.5 | 2.5 | 4.0 | 6.5.
const STANDARDS_1_4_AQLS = [0.65, 1.0, 1.5, 2.5, 4.0, 6.5];
const STANDARDS_1_4: Record<Severity, Record<CodeLetter, string>> = {
  normal: {
    A: '20: 0/1 | 13: 0/1 | 8: 0/1 | 5: 0/1 | 3: 0/1 | 2: 0/1',
    B: '20: 0/1 | 13: 0/1 | 8: 0/1 | 5: 0/1 | 3: 0/1 | 2: 0/1',
    C: '20: 0/1 | 13: 0/1 | 8: 0/1 | 5: 0/1 | 3: 0/1 | 8: 1/2',
    D: '20: 0/1 | 13: 0/1 | 8: 0/1 | 5: 0/1 | 13: 1/2 | 8: 1/2',
    E: '20: 0/1 | 13: 0/1 | 8: 0/1 | 20: 1/2 | 13: 1/2 | 13: 2/3',
    F: '20: 0/1 | 13: 0/1 | 32: 1/2 | 20: 1/2 | 20: 2/3 | 20: 3/4',
    G: '20: 0/1 | 50: 1/2 | 32: 1/2 | 32: 2/3 | 32: 3/4 | 32: 5/6',
    H: '80: 1/2 | 50: 1/2 | 50: 2/3 | 50: 3/4 | 50: 5/6 | 50: 7/8',
    J: '80: 1/2 | 80: 2/3 | 80: 3/4 | 80: 5/6 | 80: 7/8 | 80: 10/11',
    K: '125: 2/3 | 125: 3/4 | 125: 5/6 | 125: 7/8 | 125: 10/11 | 125: 14/15',
    L: '200: 3/4 | 200: 5/6 | 200: 7/8 | 200: 10/11 | 200: 14/15 | 200: 21/22',
    M: '315: 5/6 | 315: 7/8 | 315: 10/11 | 315: 14/15 | 315: 21/22 | 200: 21/22',
    N: '500: 7/8 | 500: 10/11 | 500: 14/15 | 500: 21/22 | 315: 21/22 | 200: 21/22',
    P: '800: 10/11 | 800: 14/15 | 800: 21/22 | 500: 21/22 | 315: 21/22 | 200: 21/22',
    Q: '1250: 14/15 | 1250: 21/22 | 800: 21/22 | 500: 21/22 | 315: 21/22 | 200: 21/22',
    R: '2000: 21/22 | 1250: 21/22 | 800: 21/22 | 500: 21/22 | 315: 21/22 | 200: 21/22',
  },
  tightened: {
    A: '32: 0/1 | 20: 0/1 | 13: 0/1 | 8: 0/1 | 5: 0/1 | 3: 0/1',
    B: '32: 0/1 | 20: 0/1 | 13: 0/1 | 8: 0/1 | 5: 0/1 | 3: 0/1',
    C: '32: 0/1 | 20: 0/1 | 13: 0/1 | 8: 0/1 | 5: 0/1 | 13: 1/2',
    D: '32: 0/1 | 20: 0/1 | 13: 0/1 | 8: 0/1 | 20: 1/2 | 13: 1/2',
    E: '32: 0/1 | 20: 0/1 | 13: 0/1 | 32: 1/2 | 20: 1/2 | 13: 1/2',
    F: '32: 0/1 | 20: 0/1 | 50: 1/2 | 32: 1/2 | 20: 1/2 | 20: 2/3',
    G: '32: 0/1 | 80: 1/2 | 50: 1/2 | 32: 1/2 | 32: 2/3 | 32: 3/4',
    H: '125: 1/2 | 80: 1/2 | 50: 1/2 | 50: 2/3 | 50: 3/4 | 50: 5/6',
    J: '125: 1/2 | 80: 1/2 | 80: 2/3 | 80: 3/4 | 80: 5/6 | 80: 8/9',
    K: '125: 1/2 | 125: 2/3 | 125: 3/4 | 125: 5/6 | 125: 8/9 | 125: 12/13',
    L: '200: 2/3 | 200: 3/4 | 200: 5/6 | 200: 8/9 | 200: 12/13 | 200: 18/19',
    M: '315: 3/4 | 315: 5/6 | 315: 8/9 | 315: 12/13 | 315: 18/19 | 200: 18/19',
    N: '500: 5/6 | 500: 8/9 | 500: 12/13 | 500: 18/19 | 315: 18/19 | 200: 18/19',
    P: '800: 8/9 | 800: 12/13 | 800: 18/19 | 500: 18/19 | 315: 18/19 | 200: 18/19',
    Q: '1250: 12/13 | 1250: 18/19 | 800: 18/19 | 500: 18/19 | 315: 18/19 | 200: 18/19',
    R: '2000: 18/19 | 1250: 18/19 | 800: 18/19 | 500: 18/19 | 315: 18/19 | 200: 18/19',
  },
  reduced: {
    A: '8: 0/1 | 5: 0/1 | 3: 0/1 | 2: 0/1 | 2: 0/1 | 2: 0/1',
    B: '8: 0/1 | 5: 0/1 | 3: 0/1 | 2: 0/1 | 2: 0/1 | 2: 0/1',
    C: '8: 0/1 | 5: 0/1 | 3: 0/1 | 2: 0/1 | 2: 0/1 | 3: 0/2',
    D: '8: 0/1 | 5: 0/1 | 3: 0/1 | 2: 0/1 | 5: 0/2 | 3: 0/2',
    E: '8: 0/1 | 5: 0/1 | 3: 0/1 | 8: 0/2 | 5: 0/2 | 5: 1/3',
    F: '8: 0/1 | 5: 0/1 | 13: 0/2 | 8: 0/2 | 8: 1/3 | 8: 1/4',
    G: '8: 0/1 | 20: 0/2 | 13: 0/2 | 13: 1/3 | 13: 1/4 | 13: 2/5',
    H: '32: 0/2 | 20: 0/2 | 20: 1/3 | 20: 1/4 | 20: 2/5 | 20: 3/6',
    J: '32: 0/2 | 32: 1/3 | 32: 1/4 | 32: 2/5 | 32: 3/6 | 32: 5/8',
    K: '50: 1/3 | 50: 1/4 | 50: 2/5 | 50: 3/6 | 50: 5/8 | 50: 7/10',
    L: '80: 1/4 | 80: 2/5 | 80: 3/6 | 80: 5/8 | 80: 7/10 | 80: 10/13',
    M: '125: 2/5 | 125: 3/6 | 125: 5/8 | 125: 7/10 | 125: 10/13 | 80: 10/13',
    N: '200: 3/6 | 200: 5/8 | 200: 7/10 | 200: 10/13 | 125: 10/13 | 80: 10/13',
    P: '315: 5/8 | 315: 7/10 | 315: 10/13 | 200: 10/13 | 125: 10/13 | 80: 10/13',
    Q: '500: 7/10 | 500: 10/13 | 315: 10/13 | 200: 10/13 | 125: 10/13 | 80: 10/13',
    R: '800: 10/13 | 500: 10/13 | 315: 10/13 | 200: 10/13 | 125: 10/13 | 80: 10/13',
  },
};

const SEVERITY_LIST: Severity[] = ['normal', 'tightened', 'reduced'];

describe('Tables II-A/B/C — every row of standards.md §1.4 (AQL 0.65–6.5, arrows followed)', () => {
  for (const severity of SEVERITY_LIST) {
    const cases = CODE_LETTERS.flatMap((letter) =>
      STANDARDS_1_4[severity][letter].split('|').map((cell, i) => ({ letter, aql: STANDARDS_1_4_AQLS[i]!, cell })),
    );
    it.each(cases)(`${severity} $letter @ AQL $aql = $cell`, ({ letter, aql, cell }) => {
      const want = parsePlan(cell);
      const got = masterTablePlan(letter, aql, severity);
      expect({ n: got.sampleSize, ac: got.accept, re: got.reject }).toEqual(want);
    });
  }
});

describe('Tables II-A/B/C — all 26 AQL columns equal the resolved matrices of cran/AQLSchemes AAZ14Single.R', () => {
  for (const severity of SEVERITY_LIST) {
    it.each(CODE_LETTERS.map((letter) => ({ letter })))(`${severity} row $letter`, ({ letter }) => {
      const want = AQLSCHEMES_RESOLVED[severity][letter]!.split(' ').map(parsePlan);
      const got = AQL_VALUES.map((aql) => {
        const p = masterTablePlan(letter, aql, severity);
        return { n: p.sampleSize, ac: p.accept, re: p.reject };
      });
      expect(got).toEqual(want);
    });
  }
});

// standards.md §1.1 Table I (AAZ14Single.R `letters` matrix): [lowest lot, highest lot, S-1 S-2 S-3 S-4 I II III].
const TABLE_I_ROWS: Array<[number, number, string]> = [
  [2, 8, 'AAAAAAB'],
  [9, 15, 'AAAAABC'],
  [16, 25, 'AABBBCD'],
  [26, 50, 'ABBCCDE'],
  [51, 90, 'BBCCCEF'],
  [91, 150, 'BBCDDFG'],
  [151, 280, 'BCDEEGH'],
  [281, 500, 'BCDEFHJ'],
  [501, 1200, 'CCEFGJK'],
  [1201, 3200, 'CDEGHKL'],
  [3201, 10000, 'CDFGJLM'],
  [10001, 35000, 'CDFHKMN'],
  [35001, 150000, 'DEGJLNP'],
  [150001, 500000, 'DEGJMPQ'],
  [500001, 1_000_000_000, 'DEHKNQR'],
];

describe('Table I — sample size code letters (standards.md §1.1)', () => {
  const cases = TABLE_I_ROWS.flatMap(([lo, hi, letters]) =>
    INSPECTION_LEVELS.flatMap((level, i) => [
      { lotSize: lo, level, letter: letters[i] },
      { lotSize: hi, level, letter: letters[i] },
    ]),
  );
  it.each(cases)('lot $lotSize, level $level → $letter', ({ lotSize, level, letter }) => {
    expect(codeLetterFor(lotSize, level)).toBe(letter);
    expect(samplingPlan({ lotSize, aql: 1.0, level }).codeLetter).toBe(letter);
  });

  it('special levels are not a constant offset from level II (standards.md §1.1 note)', () => {
    // Lot 10,000: S-1 C, S-2 D, S-3 F, S-4 G, I J, II L, III M.
    expect(INSPECTION_LEVELS.map((level) => codeLetterFor(10_000, level)).join('')).toBe('CDFGJLM');
    // Lot 100,000: S-1 D, S-4 J, II N — S-4 is 4 letters below II here, 5 letters below at 10,000.
    expect(INSPECTION_LEVELS.map((level) => codeLetterFor(100_000, level)).join('')).toBe('DEGJLNP');
  });

  it('defaults to level II', () => {
    expect(samplingPlan({ lotSize: 1000, aql: 2.5 }).codeLetter).toBe('J');
  });
});

describe('samplingPlan — arrow rule: the sample size is the one of the plan landed on (standards.md §1.3)', () => {
  it.each([
    // Lot 3,201–10,000 level II → L; L @ 2.5 normal is its own plan.
    { lotSize: 5000, aql: 2.5, severity: 'normal', code: 'L', plan: 'L', n: 200, ac: 10, re: 11 },
    // ↓ at the top-left: A @ 0.010 normal follows the arrow down to Q (n 1250, 0/1).
    { lotSize: 8, aql: 0.01, severity: 'normal', code: 'A', plan: 'Q', n: 1250, ac: 0, re: 1 },
    // ↑ next to a 0/1: lot 35,001–150,000 level II → N; row N reads ↓ ↓ 0/1 ↑ ↓ 1/2 …, so N @ 0.040 goes up to
    // M's 0/1 (AAZ14Single.R: N @ 0.040 = 315: 0/1).
    { lotSize: 100_000, aql: 0.04, severity: 'normal', code: 'N', plan: 'M', n: 315, ac: 0, re: 1 },
    // ↑ at the bottom-left: R @ 0.010 normal (level III, lot ≥ 500,001) goes up to Q.
    { lotSize: 600_000, aql: 0.01, level: 'III', severity: 'normal', code: 'R', plan: 'Q', n: 1250, ac: 0, re: 1 },
    // Bottom row, R @ 0.015: two ↑ to P (AAZ14Single.R 800: 0/1).
    { lotSize: 600_000, aql: 0.015, level: 'III', severity: 'normal', code: 'R', plan: 'P', n: 800, ac: 0, re: 1 },
    // ↑ at the right end: R @ 1000 normal climbs to B (3: 44/45).
    { lotSize: 600_000, aql: 1000, level: 'III', severity: 'normal', code: 'R', plan: 'B', n: 3, ac: 44, re: 45 },
    // Top-right corner: A @ 1000 normal is a plan of its own (2: 30/31).
    { lotSize: 5, aql: 1000, severity: 'normal', code: 'A', plan: 'A', n: 2, ac: 30, re: 31 },
    // Tightened: Q @ 0.025 (level II, lot ≥ 500,001) goes ↓↓ to the extra row S (3150: 1/2).
    { lotSize: 600_000, aql: 0.025, severity: 'tightened', code: 'Q', plan: 'S', n: 3150, ac: 1, re: 2 },
    // Tightened: A @ 10 has no 0/1 plan; ↓ three rows to D (8: 1/2).
    { lotSize: 5, aql: 10, severity: 'tightened', code: 'A', plan: 'D', n: 8, ac: 1, re: 2 },
    // Reduced: M @ 6.5 ↑ to L (80: 10/13), standards.md §1.4.
    { lotSize: 20_000, aql: 6.5, severity: 'reduced', code: 'M', plan: 'L', n: 80, ac: 10, re: 13 },
  ] as const)('lot $lotSize AQL $aql $severity → $plan n=$n $ac/$re', (c) => {
    const p = samplingPlan({
      lotSize: c.lotSize,
      aql: c.aql,
      severity: c.severity,
      ...('level' in c ? { level: c.level } : {}),
    });
    expect(p).toMatchObject({
      codeLetter: c.code,
      planLetter: c.plan,
      planSampleSize: c.n,
      accept: c.ac,
      reject: c.re,
    });
  });
});

describe('samplingPlan — 100 % inspection when the plan n ≥ lot size (Table II footnote, standards.md §1.3)', () => {
  it.each([
    // Lot 8 → A; A @ 0.65 normal follows ↓ to F (n 20) > 8: inspect all 8, keep Ac 0 / Re 1.
    { lotSize: 8, aql: 0.65, severity: 'normal', sampleSize: 8, hundredPercent: true, ac: 0, re: 1, plan: 'F' },
    // Lot 13 → B; B @ 1.0 normal lands on E (n 13) = lot size: 100 %.
    { lotSize: 13, aql: 1.0, severity: 'normal', sampleSize: 13, hundredPercent: true, ac: 0, re: 1, plan: 'E' },
    // Lot 14 → B; same plan, n 13 < 14: sampling.
    { lotSize: 14, aql: 1.0, severity: 'normal', sampleSize: 13, hundredPercent: false, ac: 0, re: 1, plan: 'E' },
    // Lot 2 → A @ 6.5 normal: n 2 = lot size.
    { lotSize: 2, aql: 6.5, severity: 'normal', sampleSize: 2, hundredPercent: true, ac: 0, re: 1, plan: 'A' },
    // Lot 40 → D; D @ 0.65 tightened → 32: 0/1 (row G), 32 < 40.
    { lotSize: 40, aql: 0.65, severity: 'tightened', sampleSize: 32, hundredPercent: false, ac: 0, re: 1, plan: 'G' },
    // Lot 30 → D; 32 ≥ 30: 100 %.
    { lotSize: 30, aql: 0.65, severity: 'tightened', sampleSize: 30, hundredPercent: true, ac: 0, re: 1, plan: 'G' },
  ] as const)('lot $lotSize AQL $aql $severity → sample $sampleSize (100 %: $hundredPercent)', (c) => {
    expect(samplingPlan({ lotSize: c.lotSize, aql: c.aql, severity: c.severity })).toMatchObject({
      sampleSize: c.sampleSize,
      hundredPercent: c.hundredPercent,
      accept: c.ac,
      reject: c.re,
      planLetter: c.plan,
    });
  });

  it('returns the four contract fields first', () => {
    expect(Object.keys(samplingPlan({ lotSize: 1000, aql: 1.0 })).slice(0, 4)).toEqual([
      'codeLetter',
      'sampleSize',
      'accept',
      'reject',
    ]);
  });
});

describe('samplingPlan — invalid input throws AqlInputError with the field', () => {
  it.each([
    { input: { lotSize: 1, aql: 1 }, field: 'lotSize' },
    { input: { lotSize: 0, aql: 1 }, field: 'lotSize' },
    { input: { lotSize: -10, aql: 1 }, field: 'lotSize' },
    { input: { lotSize: 2.5, aql: 1 }, field: 'lotSize' },
    { input: { lotSize: Number.NaN, aql: 1 }, field: 'lotSize' },
    { input: { lotSize: 100, aql: 0.7 }, field: 'aql' },
    { input: { lotSize: 100, aql: 3 }, field: 'aql' },
    { input: { lotSize: 100, aql: 0 }, field: 'aql' },
    { input: { lotSize: 100, aql: Number.NaN }, field: 'aql' },
    { input: { lotSize: 100, aql: 1, level: 'IV' }, field: 'level' },
    { input: { lotSize: 100, aql: 1, level: 's-1' }, field: 'level' },
    { input: { lotSize: 100, aql: 1, severity: 'loose' }, field: 'severity' },
  ])('$input → $field', ({ input, field }) => {
    let error: unknown;
    try {
      samplingPlan(input as never);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AqlInputError);
    expect((error as AqlInputError).field).toBe(field);
    expect((error as AqlInputError).name).toBe('AqlInputError');
  });
});

describe('AQL spelling', () => {
  it.each([
    { aql: 0.01, index: 0, text: '0.010' },
    { aql: 0.1, index: 5, text: '0.10' },
    { aql: 0.65, index: 9, text: '0.65' },
    { aql: 1.0, index: 10, text: '1.0' },
    { aql: 6.5, index: 14, text: '6.5' },
    { aql: 1000, index: 25, text: '1000' },
  ])('$text is column $index', ({ aql, index, text }) => {
    expect(aqlIndex(aql)).toBe(index);
    expect(formatAql(AQL_VALUES[index]!)).toBe(text);
  });
});
