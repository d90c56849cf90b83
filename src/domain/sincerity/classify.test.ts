import { describe, expect, it } from 'vitest';
import { classifyMessage } from './classify.js';

describe('classifyMessage', () => {
  it.each<{ subject: string | null; body: string; nature: string; technical: string[]; operations: string[]; price: boolean }>([
    {
      subject: 'Bore tolerance',
      body: 'Can you hold Ø 32 H7 on the rear housing with your current fixtures, and how do you verify it?',
      nature: 'technical',
      technical: ['process', 'tolerances'],
      operations: ['qc_method'],
      price: false,
    },
    {
      subject: 'Material certificates',
      body: 'Do you keep EN 10204 3.1 certificates for each 6061-T6 bar lot?',
      nature: 'technical',
      technical: ['materials'],
      operations: [],
      price: false,
    },
    {
      subject: 'Anodising thickness',
      body: 'Which anodising thickness and sealing do you specify, and who does the anodising?',
      nature: 'technical',
      technical: ['process', 'tolerances'],
      operations: [],
      price: false,
    },
    {
      subject: 'Capacity for ramp-up',
      body: 'If we need 12,000 sets a month in Q3, what would limit you?',
      nature: 'technical',
      technical: [],
      operations: ['capacity'],
      price: false,
    },
    {
      subject: 'Price',
      body: 'What is your best price per piece at 5,000 a month? We need to beat our current supplier by 15 %.',
      nature: 'price_only',
      technical: [],
      operations: [],
      price: true,
    },
    { subject: 'Discount', body: 'Can you do USD 2.90 if we pay 30 days earlier?', nature: 'price_only', technical: [], operations: [], price: true },
    { subject: null, body: 'What lead time do you quote from PO to FOB?', nature: 'technical', technical: [], operations: ['lead_time'], price: true },
    { subject: '报价', body: '请给出最优价格', nature: 'price_only', technical: [], operations: [], price: true },
    { subject: '公差', body: '孔径公差能否保证？如何检验？', nature: 'technical', technical: ['tolerances'], operations: ['qc_method'], price: false },
    { subject: '交期', body: '交货期多久？产能瓶颈在哪里？', nature: 'technical', technical: [], operations: ['capacity', 'lead_time'], price: false },
    { subject: 'Hello', body: 'Nice to meet you at the fair.', nature: 'general', technical: [], operations: [], price: false },
    // "machine" must not be read in "machinery"-free words like "imagine"; "limit" must be a word.
    { subject: null, body: 'Imagine we met at the fair; unlimited thanks.', nature: 'general', technical: [], operations: [], price: false },
  ])('$subject / $body → $nature', ({ subject, body, nature, technical, operations, price }) => {
    const c = classifyMessage(subject, body);
    expect(c.nature).toBe(nature);
    expect(c.technical).toEqual(technical);
    expect(c.operations).toEqual(operations);
    expect(c.price).toBe(price);
  });
});
