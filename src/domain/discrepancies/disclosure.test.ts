import { describe, expect, it } from 'vitest';
import { proactiveDisclosure } from './disclosure.js';

const at = (s: string) => new Date(`2026-04-0${s}T08:00:00Z`);

describe('proactiveDisclosure', () => {
  it.each<[string, 'buyer' | 'supplier', string, string | null, boolean, string]>([
    ['supplier reports, buyer never found it', 'supplier', '2', null, true, 'supplier_reported_first'],
    ['supplier reports before the buyer finds it', 'supplier', '2', '3', true, 'supplier_reported_first'],
    ['buyer found it first', 'supplier', '3', '2', false, 'buyer_found_first'],
    ['found at the same moment: not before', 'supplier', '2', '2', false, 'buyer_found_first'],
    ['raised by the buyer', 'buyer', '2', null, false, 'raised_by_buyer'],
  ])('%s', (_n, raisedBy, raised, found, credited, reason) => {
    expect(proactiveDisclosure({ raisedBy, raisedAt: at(raised), buyerFoundAt: found ? at(found) : null })).toEqual({ credited, reason });
  });
});
