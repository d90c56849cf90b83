// The public sign-up answers the same whether the email is registered or not: "a link is on its way". A new
// address gets the link that creates the account; a registered one gets an email telling its owner that someone
// tried (notifications' `signup_attempt`), and nothing changes. Only whoever reads the mailbox learns which it was.
// A sign-up with an invitation does not come here: its link was already sent to the invited address.
import type { z } from 'zod';
import type { SignupInput } from '../../contracts/accounts.js';
import { findUserByEmail } from '../../db/repositories/users.js';
import {
  deleteExpiredSignupRequests,
  findSignupRequestByTokenHash,
  insertSignupRequest,
  useSignupRequest,
} from '../../db/repositories/signup-requests.js';
import * as clock from '../../clock.js';
import { notify } from '../notifications/notify.js';
import { mailSettings } from '../notifications/settings.js';
import type { ServiceContext } from '../shared/context.js';
import { conflict, invalidField } from '../shared/errors.js';
import { newId, newSecret, nowIso, sha256Hex } from '../shared/ids.js';
import { createAccount } from './accounts.js';
import { hashPassword } from './passwords.js';

/** How long a sign-up link works. */
export const SIGNUP_LINK_HOURS = 24;

export interface SignupRequested {
  /**
   * The confirmation link when no mail server is configured (SMTP_URL unset): the server logs it for whoever runs
   * it, since nobody else could receive it. Null when it went by email — and always null for a registered address.
   * Never part of the HTTP answer.
   */
  unsentLink: string | null;
}

export async function requestSignup(ctx: ServiceContext, input: z.infer<typeof SignupInput>): Promise<SignupRequested> {
  // Hashed on both paths, so the time taken does not tell them apart either.
  const passwordHash = await hashPassword(input.password);
  const mail = mailSettings(ctx);
  return ctx.handle.db.transaction().execute(async (trx) => {
    const at = nowIso();
    await deleteExpiredSignupRequests(trx, at);
    const existing = await findUserByEmail(trx, input.email);
    if (existing) {
      await notify(trx, mail, {
        kind: 'signup_attempt',
        params: { at },
        link: '/login',
        to: [{ email: existing.email, locale: existing.locale, timeZone: existing.time_zone }],
      });
      return { unsentLink: null };
    }
    const token = newSecret();
    const expiresAt = new Date(clock.nowMs() + SIGNUP_LINK_HOURS * 3_600_000).toISOString();
    await insertSignupRequest(trx, {
      id: newId(),
      token_hash: sha256Hex(token),
      email: input.email,
      password_hash: passwordHash,
      display_name: input.displayName,
      locale: input.locale ?? 'en',
      time_zone: input.timeZone ?? 'UTC',
      organization: JSON.stringify(input.organization),
      created_at: at,
      expires_at: expiresAt,
      used_at: null,
    });
    const path = `/signup/confirm?token=${encodeURIComponent(token)}`;
    await notify(trx, mail, {
      kind: 'signup_confirm',
      params: { organization: input.organization?.name ?? '', expiresAt },
      link: path,
      to: [{ email: input.email, locale: input.locale ?? 'en', timeZone: input.timeZone ?? 'UTC' }],
    });
    return { unsentLink: mail.smtpUrl ? null : `${mail.publicUrl}${path}` };
  });
}

/** Following the link creates the account (once) and signs its owner in. */
export async function confirmSignup(ctx: ServiceContext, token: string) {
  return ctx.handle.db.transaction().execute(async (trx) => {
    const r = await findSignupRequestByTokenHash(trx, sha256Hex(token));
    const at = nowIso();
    if (!r || r.used_at !== null || r.expires_at <= at || !(await useSignupRequest(trx, r.id, at))) {
      throw invalidField('token', 'this sign-up link is unknown, expired or already used: sign up again');
    }
    // The address was registered meanwhile (another link of the same person, followed first).
    if (await findUserByEmail(trx, r.email)) throw conflict('an account with this email already exists: log in', [{ path: 'token', message: 'already registered' }]);
    return createAccount(trx, ctx, {
      email: r.email,
      passwordHash: r.password_hash,
      displayName: r.display_name,
      locale: r.locale,
      timeZone: r.time_zone,
      organization: JSON.parse(r.organization),
    });
  });
}
