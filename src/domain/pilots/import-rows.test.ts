import { describe, expect, it } from 'vitest';
import { RowError } from '../quality/rows.js';
import { ColumnError, deliveryKey, parseDay, resolveOrderColumns, validateDeliveryRow, validateOrderLineRow } from './import-rows.js';

const getter = (row: Record<string, string>) => (f: string) => row[f];

describe('ERP column names', () => {
  const cases: [string, 'orders' | 'deliveries', string[], Record<string, string>][] = [
    [
      'ERPNext purchase order items',
      'orders',
      ['parent', 'idx', 'item_code', 'qty', 'uom', 'transaction_date', 'schedule_date', 'expected_delivery_date'],
      { orderNo: 'parent', line: 'idx', item: 'item_code', orderedQty: 'qty', unit: 'uom', orderedAt: 'transaction_date', requestedDate: 'schedule_date', confirmedDate: 'expected_delivery_date' },
    ],
    [
      'Odoo purchase order lines',
      'orders',
      ['order_id', 'sequence', 'product_id', 'product_qty', 'product_uom', 'date_order', 'date_planned'],
      { orderNo: 'order_id', line: 'sequence', item: 'product_id', orderedQty: 'product_qty', unit: 'product_uom', orderedAt: 'date_order', requestedDate: 'date_planned' },
    ],
    [
      'ERPNext purchase receipt items',
      'deliveries',
      ['parent', 'purchase_order', 'item_code', 'received_qty', 'qty', 'rejected_qty', 'batch_no', 'posting_date'],
      { deliveryNo: 'parent', orderNo: 'purchase_order', item: 'item_code', receivedQty: 'received_qty', rejectedQty: 'rejected_qty', lot: 'batch_no', receivedAt: 'posting_date' },
    ],
    [
      'Odoo receipts',
      'deliveries',
      ['reference', 'origin', 'product_id', 'qty_received', 'lot_id', 'date_done'],
      { deliveryNo: 'reference', orderNo: 'origin', item: 'product_id', receivedQty: 'qty_received', lot: 'lot_id', receivedAt: 'date_done' },
    ],
  ];
  it.each(cases)('%s', (_name, kind, header, expected) => {
    const cols = resolveOrderColumns(kind, header, undefined);
    const named = Object.fromEntries([...cols].map(([field, i]) => [field, header[i]!]));
    expect(named).toEqual(expected);
  });

  it('a mapping names a column no alias knows', () => {
    const header = ['Bestellnummer', 'Pos', 'Artikel', 'Menge', 'Wunschtermin'];
    const cols = resolveOrderColumns('orders', header, { orderNo: 'Bestellnummer', line: 'Pos', item: 'Artikel', orderedQty: 'Menge', requestedDate: 'Wunschtermin' });
    expect(cols.get('requestedDate')).toBe(4);
  });

  it('a missing required column is named with the accepted names', () => {
    expect(() => resolveOrderColumns('deliveries', ['po', 'qty'], undefined)).toThrow(ColumnError);
    expect(() => resolveOrderColumns('deliveries', ['po', 'qty'], undefined)).toThrow(/missing column for receivedAt .*postingdate/);
  });
});

describe('order line rows', () => {
  const ok = { orderNo: 'PO-4711', line: '10', item: 'NM-4472-A', orderedQty: '2000', unit: 'pcs', orderedAt: '2026-02-01', requestedDate: '2026-03-10', confirmedDate: '2026-03-12 00:00:00' };
  it('reads a row, dates as calendar days', () => {
    expect(validateOrderLineRow(getter(ok), 2)).toEqual({ orderNo: 'PO-4711', line: '10', item: 'NM-4472-A', orderedQty: 2000, unit: 'pcs', orderedAt: '2026-02-01', requestedDate: '2026-03-10', confirmedDate: '2026-03-12', sourceLine: 2 });
  });
  const bad: [string, Record<string, string>, string, RegExp][] = [
    ['an empty order number', { ...ok, orderNo: ' ' }, 'orderNo', /orderNo is empty/],
    ['a zero quantity', { ...ok, orderedQty: '0' }, 'orderedQty', /greater than 0/],
    ['a negative quantity', { ...ok, orderedQty: '-5' }, 'orderedQty', /greater than 0/],
    ['a decimal comma', { ...ok, orderedQty: '12,5' }, 'orderedQty', /not a number/],
    ['a German date', { ...ok, requestedDate: '10.03.2026' }, 'requestedDate', /not a date/],
    ['an impossible date', { ...ok, confirmedDate: '2026-02-30' }, 'confirmedDate', /not a date/],
    ['a request before the order', { ...ok, requestedDate: '2026-01-10' }, 'requestedDate', /before the order date/],
  ];
  it.each(bad)('refuses %s with the field and line', (_n, row, field, reason) => {
    try {
      validateOrderLineRow(getter(row), 7);
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(RowError);
      expect(err).toMatchObject({ line: 7, field });
      expect((err as RowError).reason).toMatch(reason);
    }
  });
  it('reads a decimal comma when told to', () => {
    expect(validateOrderLineRow(getter({ ...ok, orderedQty: '12,5' }), 2, { decimalSeparator: ',' }).orderedQty).toBe(12.5);
  });
});

describe('delivery rows', () => {
  const ok = { deliveryNo: 'GR-1', orderNo: 'PO-4711', line: '10', receivedAt: '2026-03-12', receivedQty: '2000', rejectedQty: '', lot: 'H-2403-07' };
  it('reads a row; an empty rejected quantity is 0', () => {
    expect(validateDeliveryRow(getter(ok), 3)).toMatchObject({ receivedQty: 2000, rejectedQty: 0, lot: 'H-2403-07', line: '10', item: null });
  });
  it('refuses more rejected than received', () => {
    expect(() => validateDeliveryRow(getter({ ...ok, rejectedQty: '2001' }), 3)).toThrow(/more than the 2000 received/);
  });
  it('keys a delivery by its receipt, else by order line, day, lot and quantity', () => {
    const row = validateDeliveryRow(getter(ok), 3);
    expect(deliveryKey(row)).toBe(deliveryKey({ ...row, deliveryNo: 'gr-1 ' }));
    expect(deliveryKey({ ...row, deliveryNo: null })).not.toBe(deliveryKey({ ...row, deliveryNo: null, receivedQty: 1999 }));
  });
  const days: [string, string | null][] = [
    ['2026-03-12', '2026-03-12'],
    ['2026-03-12T08:00:00+08:00', '2026-03-12'],
    ['2026-03-12 23:10:00', '2026-03-12'],
    ['12/03/2026', null],
    ['1899-12-31', null],
  ];
  it.each(days)('day %s → %s', (t, d) => expect(parseDay(t)).toBe(d));
});
