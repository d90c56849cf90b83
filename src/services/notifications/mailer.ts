// The one SMTP client (nodemailer). A failure is thrown to the outbox, which retries with backoff.
import nodemailer from 'nodemailer';
import type { MailSettings } from './settings.js';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  /** Travels as X-Bonafide-Outbox-Id, so a receiver can tell a repeat from a new message. */
  outboxId: string;
}

export interface Mailer {
  send(mail: OutgoingMail): Promise<void>;
  close(): void;
}

export function createMailer(settings: MailSettings): Mailer | null {
  if (!settings.smtpUrl) return null;
  // A mail server that does not answer must not hold the job runner: give up the attempt and retry later. Query
  // parameters of SMTP_URL (e.g. ?connectionTimeout=5000) override these.
  const transport = nodemailer.createTransport(
    { url: settings.smtpUrl, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 },
    { from: settings.from },
  );
  return {
    async send(mail) {
      await transport.sendMail({
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        headers: { 'X-Bonafide-Outbox-Id': mail.outboxId },
        messageId: `<${mail.outboxId}@bonafide>`,
      });
    },
    close() {
      transport.close();
    },
  };
}
