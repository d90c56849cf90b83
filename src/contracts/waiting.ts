// What waits for the user's organization: requests to answer, visits to confirm, technical inquiries unanswered,
// evidence asked for. The navigation and the home page show the counts; each kind names the engagements it is in.
import { z } from 'zod';
import { Id } from './common.js';

export const WAITING_KINDS = ['requests', 'visits', 'messages', 'evidence'] as const;
export type WaitingKind = (typeof WAITING_KINDS)[number];

export const WaitingView = z.object({
  /** Everything that waits, summed over the kinds. */
  total: z.number().int(),
  /** Every kind, in WAITING_KINDS order, also when nothing waits (count 0). */
  items: z.array(
    z.object({
      kind: z.enum(WAITING_KINDS),
      count: z.number().int(),
      /** The engagements where it waits, most waiting first (at most 20). */
      engagements: z.array(z.object({ id: Id, title: z.string(), count: z.number().int() })),
    }),
  ),
});
export type WaitingViewT = z.infer<typeof WaitingView>;
