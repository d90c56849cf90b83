// Where notifications go out: SMTP (SMTP_URL; without it, notifications stay in the app), the sender address, the
// public address of the app for links in emails, and how often the job runner looks for due work. Read once from
// the environment by src/config.ts; a test or an embedding server passes its own in `ctx.config.mail`.
import { appConfig, loadConfig } from '../../config.js';

export interface MailSettings {
  /** smtp://user:pass@host:587, smtps://host:465 or smtp://127.0.0.1:2525; null: no email. */
  smtpUrl: string | null;
  from: string;
  /** Base of links in emails, e.g. https://bonafide.example.com */
  publicUrl: string;
  /** Pause between two runs of the job runner (escalations, reminders, outbox). */
  jobIntervalMs: number;
  /** An email is given up (status failed) after this many attempts; until then it is retried with backoff. */
  maxAttempts: number;
  /**
   * 'email': a sign-up without an invitation answers 202 whether or not the address is registered, and the link
   * sent to the address creates the account (a registered address gets an email telling its owner instead).
   * 'off': the account is created at once (201) and a registered address is refused (409) — the only honest choice
   * when no mail can reach the address. From the environment: 'email' when SMTP_URL is set, else 'off'; settings
   * built by hand (tests, embedding servers) without it: 'off'.
   */
  signupConfirmation?: 'email' | 'off';
}

/** The mail settings of an environment (validated by src/config.ts; a bad value throws naming the variable). */
export function mailSettingsFromEnv(env: Record<string, string | undefined>): MailSettings {
  return loadConfig(env).mail;
}

/** The context's mail settings (openRuntime puts the process's there), else the process configuration's. */
export function mailSettings(ctx?: { config: { mail?: MailSettings } }): MailSettings {
  return ctx?.config.mail ?? appConfig().mail;
}
