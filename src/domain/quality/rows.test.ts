import { describe, expect, it } from 'vitest';
import { ColumnError, resolveColumns } from './columns.js';
import { BatchRowValidator, jsonNumberText, parseDecimal, parseInstant, productInScope, RowError, validateProductionLogRow, type ProductSpecification } from './rows.js';

const spec: ProductSpecification = {
  specificationId: 's1',
  version: 2,
  product: 'NM-4472-A',
  characteristics: [
    { key: 'bore_diameter', name: 'Bore Ø 32 H7', unit: 'mm', nominal: 32, lsl: 32, usl: 32.025, criticality: 'critical', method: 'CMM' },
    { key: 'anodising_thickness', name: 'Anodising thickness', unit: 'µm', nominal: 15, lsl: 12, usl: 18, criticality: 'major', method: null },
    { key: 'torque', name: 'Screw torque', unit: 'N·m', nominal: null, lsl: 1.2, usl: null, criticality: 'minor', method: null },
  ],
};

const get = (o: Record<string, string>) => (f: string) => o[f];
const row = (extra: Record<string, string> = {}) => ({ lot: 'L1', product: 'NM-4472-A', producedAt: '2025-06-01', characteristic: 'bore_diameter', value: '32.011', unit: 'mm', ...extra });

describe('BatchRowValidator', () => {
  const v = new BatchRowValidator([spec]);
  it.each([
    [{}, { characteristic: 'bore_diameter', value: 32.011 }],
    [{ product: ' nm-4472-a ' }, { product: 'NM-4472-A' }],
    [{ characteristic: 'Bore Ø 32 H7' }, { characteristic: 'bore_diameter' }],
    [{ characteristic: 'BORE-DIAMETER' }, { characteristic: 'bore_diameter' }],
    [{ value: '32011', unit: 'µm' }, { value: 32.011 }],
    [{ value: '0.032011', unit: 'm' }, { value: 32.011 }],
    [{ characteristic: 'anodising_thickness', value: '0.0153', unit: 'mm' }, { value: 15.3 }],
    [{ characteristic: 'torque', value: '1.5', unit: 'N·m' }, { value: 1.5 }],
    [{ producedAt: '2025-06-01T08:30:00+08:00' }, { producedAt: '2025-06-01T00:30:00.000Z' }],
    [{ line: 'Line 2' }, { line: 'Line 2' }],
  ])('accepts %j', (extra, expected) => {
    expect(v.validate(get(row(extra)), 7)).toMatchObject({ sourceLine: 7, ...expected });
  });

  it.each([
    [{ value: '32,011' }, 'value', 'is not a number'],
    [{ value: 'abc' }, 'value', 'is not a number'],
    [{ value: '' }, 'value', 'empty'],
    [{ value: 'NaN' }, 'value', 'is not a number'],
    [{ characteristic: 'roundness' }, 'characteristic', 'unknown characteristic "roundness"'],
    [{ product: 'NM-9999' }, 'product', 'no specification for product "NM-9999"'],
    [{ unit: 'in' }, 'unit', 'cannot be converted'],
    [{ unit: 'kg' }, 'unit', 'cannot be converted to the specification\'s unit "mm" (length)'],
    [{ characteristic: 'torque', unit: 'N·cm' }, 'unit', 'cannot be converted'],
    [{ lot: '  ' }, 'lot', 'lot is empty'],
    [{ producedAt: '2025-02-30' }, 'producedAt', 'not a calendar date'],
    [{ producedAt: '2025-06-01 08:00' }, 'producedAt', 'no time zone'],
    [{ producedAt: 'yesterday' }, 'producedAt', 'is not a date'],
  ])('refuses %j on %s', (extra, field, reason) => {
    let err: RowError | undefined;
    try {
      v.validate(get(row(extra)), 12);
    } catch (e) {
      err = e as RowError;
    }
    expect(err).toBeInstanceOf(RowError);
    expect(err!.line).toBe(12);
    expect(err!.field).toBe(field);
    expect(err!.reason).toContain(reason);
  });

  it('counts conversions', () => {
    const w = new BatchRowValidator([spec]);
    w.validate(get(row({ value: '32011', unit: 'µm' })), 2);
    w.validate(get(row({ value: '32012', unit: 'um' })), 3);
    expect(Object.fromEntries(w.converted)).toEqual({ 'µm → mm': 1, 'um → mm': 1 });
  });
});

/** The RowError thrown by `f` (fails the test when none is thrown). */
function rowError(f: () => unknown): RowError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(RowError);
    return e as RowError;
  }
  throw new Error('expected a RowError');
}

describe('decimal separator', () => {
  const comma = new BatchRowValidator([spec], { decimalSeparator: ',' });
  const point = new BatchRowValidator([spec]);

  it.each([
    ['32,012', 'mm', 32.012],
    ['32', 'mm', 32],
    ['-0,5', 'mm', -0.5],
    ['+32,0125', 'mm', 32.0125],
    ['3,2012E1', 'mm', 32.012],
    ['32012,5', 'µm', 32.0125],
    [' 32,011 ', 'mm', 32.011],
  ])('reads %s %s with a decimal comma', (value, unit, expected) => {
    expect(comma.validate(get(row({ value, unit })), 3).value).toBe(expected);
  });

  it('converts units on the decimal text, exactly as the point form', () => {
    const fromComma = comma.validate(get(row({ value: '15,3', unit: 'µm' })), 2).value;
    expect(fromComma).toBe(0.0153);
    expect(fromComma).toBe(point.validate(get(row({ value: '15.3', unit: 'µm' })), 2).value);
    expect(comma.validate(get(row({ characteristic: 'anodising_thickness', value: '0,0153', unit: 'mm' })), 2).value).toBe(15.3);
  });

  it.each([
    ['1.234,5', 'thousands separators are not accepted (write 1234,5)'],
    ['1.234.567,25', 'thousands separators are not accepted (write 1234567,25)'],
    ['1,234.5', 'thousands separators are not accepted'],
    ['32.012', 'import it with the decimal separator "."'],
    ['1.234.567', 'thousands separators are not accepted'],
    [',5', 'use a decimal comma'],
    ['5,', 'use a decimal comma'],
    ['1,2,3', 'use a decimal comma'],
    ['abc', 'use a decimal comma'],
  ])('refuses %s with a decimal comma', (value, reason) => {
    const err = rowError(() => comma.validate(get(row({ value })), 8));
    expect(err.line).toBe(8);
    expect(err.field).toBe('value');
    expect(err.reason).toContain(`value "${value}" is not a number`);
    expect(err.reason).toContain(reason);
  });

  it('refuses "1.234,5" for being a thousands separator, not for the comma', () => {
    expect(rowError(() => comma.validate(get(row({ value: '1.234,5' })), 8)).reason).toBe('value "1.234,5" is not a number: thousands separators are not accepted (write 1234,5)');
    expect(rowError(() => comma.validate(get(row({ value: '' })), 8)).reason).toBe('value is empty');
  });

  it('hints at the option when a point-mode value looks like a decimal comma', () => {
    const err = rowError(() => point.validate(get(row({ value: '32,012' })), 4));
    expect(err.field).toBe('value');
    expect(err.reason).toBe('value "32,012" is not a number (use a decimal point and no thousands separator); if the file uses decimal commas, import it with the decimal separator ","');
    for (const value of ['abc', '1,234.5', '1.234,5', '32,01,2']) {
      expect(rowError(() => point.validate(get(row({ value })), 4)).reason, value).not.toContain('decimal commas');
    }
  });

  it('reads the production-log numbers with the separator', () => {
    const log = (o: Record<string, string>) => (f: string) => ({ site: 'Plant 1', line: 'Line 1', periodStart: '2025-06-02T00:00:00+08:00', periodEnd: '2025-06-03T00:00:00+08:00', ...o })[f];
    const hours = log({ plannedHours: '20,5', downtimeHours: '1,25', goodOutput: '780', scrap: '6,5' });
    expect(validateProductionLogRow(hours, 3, { decimalSeparator: ',' })).toMatchObject({ plannedMinutes: 1230, downtimeMinutes: 75, goodOutput: 780, scrap: 6.5 });
    const minutes = log({ plannedMinutes: '1200,5', downtimeMinutes: '90,25', goodOutput: '1e3', scrap: '0' });
    expect(validateProductionLogRow(minutes, 3, { decimalSeparator: ',' })).toMatchObject({ plannedMinutes: 1200.5, downtimeMinutes: 90.25, goodOutput: 1000 });

    const thousands = rowError(() => validateProductionLogRow(log({ plannedMinutes: '1200', downtimeMinutes: '90', goodOutput: '1.780,0', scrap: '6' }), 5, { decimalSeparator: ',' }));
    expect(thousands).toMatchObject({ line: 5, field: 'goodOutput' });
    expect(thousands.reason).toContain('thousands separators are not accepted');
    const pointInComma = rowError(() => validateProductionLogRow(log({ plannedMinutes: '1200', downtimeMinutes: '90.5', goodOutput: '780', scrap: '6' }), 5, { decimalSeparator: ',' }));
    expect(pointInComma).toMatchObject({ field: 'downtimeMinutes' });
    expect(pointInComma.reason).toContain('import it with the decimal separator "."');

    const hint = rowError(() => validateProductionLogRow(hours, 6));
    expect(hint).toMatchObject({ line: 6, field: 'plannedHours' });
    expect(hint.reason).toBe('planned hours "20,5" is not a number; if the file uses decimal commas, import it with the decimal separator ","');
  });

  it('parseDecimal follows the separator', () => {
    expect(parseDecimal(' 2,5 ', ',')).toBe(2.5);
    expect(parseDecimal('2.5', ',')).toBeNull();
    expect(parseDecimal('2,5')).toBeNull();
    expect(parseDecimal('2.5')).toBe(2.5);
  });

  it('writes JSON numbers in the file notation, so they round-trip exactly', () => {
    for (const n of [32.012, 0.0153, -1.5e-7, 1e21, 780]) {
      expect(Number(jsonNumberText(n, ',').replace(',', '.'))).toBe(n);
      expect(parseDecimal(jsonNumberText(n, ','), ',')).toBe(n);
      expect(jsonNumberText(n, '.')).toBe(String(n));
    }
    expect(jsonNumberText(32.012, ',')).toBe('32,012');
  });
});

describe('parseInstant', () => {
  it.each([
    ['2024-02-29', '2024-02-29T00:00:00.000Z'],
    ['2025-06-01T08:00:00Z', '2025-06-01T08:00:00.000Z'],
    ['2025-06-01T08:00Z', '2025-06-01T08:00:00.000Z'],
    ['2025-06-01 08:00:00.250-0500', '2025-06-01T13:00:00.250Z'],
  ])('%s → %s', (text, iso) => {
    expect(parseInstant(text)).toEqual({ ok: true, iso });
  });
  it.each(['2023-02-29', '2025-13-01', '2025-06-01T24:00:00Z', '01.06.2025', '2025-06-01T08:00:00'])('refuses %s', (text) => {
    expect(parseInstant(text).ok).toBe(false);
  });
});

describe('validateProductionLogRow', () => {
  const log = (extra: Record<string, string> = {}) =>
    get({ site: 'Plant 1', line: 'Line 1', periodStart: '2025-06-02T00:00:00+08:00', periodEnd: '2025-06-03T00:00:00+08:00', plannedMinutes: '1200', downtimeMinutes: '90', goodOutput: '780', scrap: '6', ...extra });
  it('accepts a day of production, in minutes or hours', () => {
    expect(validateProductionLogRow(log(), 3)).toMatchObject({ plannedMinutes: 1200, downtimeMinutes: 90, goodOutput: 780, periodStart: '2025-06-01T16:00:00.000Z' });
    const hours = (f: string) => ({ plannedHours: '20', downtimeHours: '1.5' })[f] ?? (f === 'plannedMinutes' || f === 'downtimeMinutes' ? undefined : log()(f));
    expect(validateProductionLogRow(hours, 3)).toMatchObject({ plannedMinutes: 1200, downtimeMinutes: 90 });
  });
  it.each([
    [{ periodEnd: '2025-06-01T00:00:00+08:00' }, 'periodEnd', 'after periodStart'],
    [{ plannedMinutes: '2000' }, 'plannedMinutes', 'longer than the period'],
    [{ downtimeMinutes: '1300' }, 'downtimeMinutes', 'exceeds the planned time'],
    [{ goodOutput: '-1' }, 'goodOutput', 'must not be negative'],
    [{ scrap: 'x' }, 'scrap', 'not a number'],
    [{ periodEnd: '2025-08-03T00:00:00+08:00' }, 'periodEnd', 'at most 31 days'],
  ])('refuses %j', (extra, field, reason) => {
    expect(() => validateProductionLogRow(log(extra), 9)).toThrow(reason);
    try {
      validateProductionLogRow(log(extra), 9);
    } catch (e) {
      expect((e as RowError).field).toBe(field);
    }
  });
});

describe('resolveColumns', () => {
  it('matches headers by normalized name and aliases', () => {
    const cols = resolveColumns('batches', ['Lot No', 'Part Number', 'Produced at', 'Feature', 'Measured value', 'UoM', 'Comment'], undefined);
    expect(Object.fromEntries(cols)).toEqual({ lot: 0, product: 1, producedAt: 2, characteristic: 3, value: 4, unit: 5 });
  });
  it('applies a mapping from another system', () => {
    const cols = resolveColumns('batches', ['Batch No', 'Artikel', 'Datum', 'Merkmal', 'Messwert', 'Einheit'], {
      lot: 'Batch No',
      product: 'Artikel',
      producedAt: 'Datum',
      characteristic: 'Merkmal',
      value: 'Messwert',
      unit: 'Einheit',
    });
    expect(Object.fromEntries(cols)).toEqual({ lot: 0, product: 1, producedAt: 2, characteristic: 3, value: 4, unit: 5 });
  });
  it.each([
    [['lot', 'product', 'produced_at', 'characteristic', 'unit'], undefined, 'missing column for value'],
    [['lot', 'product', 'produced_at', 'characteristic', 'value', 'unit'], { value: 'Messwert' }, 'no such column'],
    [['lot', 'product', 'produced_at', 'characteristic', 'value', 'unit'], { colour: 'x' }, 'unknown field colour'],
  ] as const)('refuses %j with %j', (names, mapping, reason) => {
    expect(() => resolveColumns('batches', names, mapping)).toThrow(ColumnError);
    expect(() => resolveColumns('batches', names, mapping)).toThrow(reason);
  });
  it('needs planned minutes or planned hours, not both', () => {
    const base = ['site', 'line', 'period_start', 'period_end', 'downtime_minutes', 'good_output', 'scrap'];
    expect(() => resolveColumns('production_logs', base, undefined)).toThrow(/plannedMinutes or plannedHours/);
    expect(() => resolveColumns('production_logs', [...base, 'planned_minutes', 'planned_hours'], undefined)).toThrow(/not both/);
    expect(resolveColumns('production_logs', [...base, 'planned_hours'], undefined).get('plannedHours')).toBe(7);
  });
});

describe('productInScope', () => {
  it.each([
    ['NM-4472-A', 'IP-7 rear housing', ['IP-7 housing, rear (NM-4472-A)'], true],
    ['NM-4472-A', 'IP-7 rear housing', ['nm-4472-a'], true],
    ['NM-4472-A', 'IP-7 rear housing', ['IP-7 rear housing'], true],
    ['NM-4472', 'x', ['IP-7 housing, rear (NM-4472-A)'], false],
    ['NM-4472-A', 'x', ['IP-7 housing, front (NM-4471-A)'], false],
  ])('%s in %j → %s', (product, title, scope, expected) => {
    expect(productInScope(product, title, scope)).toBe(expected);
  });
});
