// API shapes of the engagement capability, inferred from the Zod contracts (src/contracts) and the domain's
// readiness output (src/domain/readiness/types.ts), with dates as the ISO strings the API sends.
import type { z } from 'zod';
import type { IdentifierConfirmationView } from '../../../../src/contracts/accounts.js';
import type {
  ClaimView,
  EngagementView,
  EvidenceView,
  MessageView,
  MessagesResponse,
  PolicyView,
  SiteView,
  WaiverView,
} from '../../../../src/contracts/engagements.js';
import type { VerificationPolicy } from '../../../../src/contracts/policy.js';
import type {
  EvidenceAlert,
  Explanation,
  FiredRule,
  ReadinessResult,
  RequirementResult,
  ScoreInput,
  SubScore,
  VisitAdvice,
} from '../../../../src/domain/readiness/types.js';

/** What JSON.parse(JSON.stringify(x)) gives: Dates become strings. */
export type Jsonified<T> = T extends Date
  ? string
  : T extends readonly (infer U)[]
    ? Jsonified<U>[]
    : T extends object
      ? { [K in keyof T]: Jsonified<T[K]> }
      : T;

export type Site = z.infer<typeof SiteView>;
export type Claim = z.infer<typeof ClaimView>;
export type Evidence = z.infer<typeof EvidenceView>;
export type Engagement = z.infer<typeof EngagementView>;
export type TimelineEntry = Engagement['timeline'][number];
export type Message = z.infer<typeof MessageView>;
export type Messages = z.infer<typeof MessagesResponse>;
export type Policy = Omit<z.infer<typeof PolicyView>, 'document'> & { document: VerificationPolicy };
export type IdentifierConfirmation = z.infer<typeof IdentifierConfirmationView>;
export type Waiver = z.infer<typeof WaiverView>;

export type Readiness = Jsonified<ReadinessResult>;
export type RequirementRow = Jsonified<RequirementResult>;
export type Advice = Jsonified<VisitAdvice>;
export type Fired = Jsonified<FiredRule>;
export type Alert = Jsonified<EvidenceAlert>;
export type Score = Jsonified<SubScore>;
export type ScoreRow = Jsonified<ScoreInput>;
export type { Explanation, VerificationPolicy };
