import { describe, expect, it } from 'vitest';
import { RecordSyntaxError } from '../quality/records.js';
import { RowError } from '../quality/rows.js';
import { readOrderRows } from './reader.js';

describe('reading order and delivery files', () => {
  it('reads an ERPNext purchase-receipt export (CSV, its column names)', () => {
    const text = 'parent,purchase_order,item_code,received_qty,rejected_qty,batch_no,posting_date\nMAT-PRE-0001,PO-4711,NM-4472-A,2000,0,H-01,2026-03-12\nMAT-PRE-0002,PO-4712,NM-4472-A,2000,40,H-02,2026-03-19\n';
    const rows = readOrderRows('deliveries', text, { format: 'csv' });
    expect(rows.map((r) => [r.deliveryNo, r.orderNo, r.receivedQty, r.rejectedQty, r.lot, r.receivedAt, r.sourceLine])).toEqual([
      ['MAT-PRE-0001', 'PO-4711', 2000, 0, 'H-01', '2026-03-12', 2],
      ['MAT-PRE-0002', 'PO-4712', 2000, 40, 'H-02', '2026-03-19', 3],
    ]);
  });

  it('reads JSON Lines with numbers as numbers', () => {
    const text = '{"order_id":"P00012","sequence":1,"product_id":"NM-4472-A","product_qty":1500,"date_planned":"2026-04-01 08:00:00"}\n';
    expect(readOrderRows('orders', text, { format: 'jsonl' })[0]).toMatchObject({ orderNo: 'P00012', line: '1', orderedQty: 1500, requestedDate: '2026-04-01' });
  });

  const bad: [string, string, number, string][] = [
    ['a missing column', 'po,qty\nPO-1,5\n', 1, 'line'],
    ['a truncated line', 'po,line,item,qty,schedule_date\nPO-1,10,X,5,2026-03-01\nPO-1,20,X\n', 3, ''],
    ['the same order line twice', 'po,line,item,qty,schedule_date\nPO-1,10,X,5,2026-03-01\nPO-2,10,X,5,2026-03-01\npo-1,10,X,6,2026-03-02\n', 4, 'line'],
    ['a bad quantity', 'po,line,item,qty,schedule_date\nPO-1,10,X,five,2026-03-01\n', 2, 'orderedQty'],
  ];
  it.each(bad)('refuses %s with its line number', (_name, text, line, field) => {
    try {
      readOrderRows('orders', text, { format: 'csv' });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(RowError);
      expect(err).toMatchObject({ line, field });
    }
  });

  it('refuses broken quoting with its line number', () => {
    expect(() => readOrderRows('orders', 'po,line,item,qty,schedule_date\n"PO-1,10,X,5,2026-03-01\n', { format: 'csv' })).toThrow(RecordSyntaxError);
  });
});
