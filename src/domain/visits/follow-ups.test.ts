import { describe, expect, it } from 'vitest';
import { followUpStatusesFor, mayVerifyFollowUp } from './follow-ups.js';

describe('follow-up statuses', () => {
  it('only the side that recorded the finding verifies it', () => {
    expect(mayVerifyFollowUp('buyer-org', 'buyer-org')).toBe(true);
    expect(mayVerifyFollowUp('buyer-org', 'supplier-org')).toBe(false);
  });

  it.each([
    { actor: 'buyer-org', status: 'done' as const, offered: ['open', 'in_progress', 'done', 'verified'] },
    { actor: 'supplier-org', status: 'done' as const, offered: ['open', 'in_progress', 'done'] },
    // Once verified, the status is shown to the other side as it stands.
    { actor: 'supplier-org', status: 'verified' as const, offered: ['open', 'in_progress', 'done', 'verified'] },
  ])('$actor on a $status follow-up of the buyer: $offered', ({ actor, status, offered }) => {
    expect(followUpStatusesFor({ recordedByOrganizationId: 'buyer-org', status }, actor)).toEqual(offered);
  });
});
