// Starts test/support/smtp-sink-server.ts in a child process and collects what it receives. The same port can be
// given again after stop(), to bring "the mail server" back.
import { spawn, type ChildProcess } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

export interface ReceivedMail {
  messageId: string | null;
  outboxId: string | null;
  from: string | null;
  to: string[];
  subject: string;
  text: string;
}

export interface SmtpSink {
  port: number;
  url: string;
  messages: ReceivedMail[];
  /** Resolves once `predicate` holds for the messages received (polls), or rejects after `timeoutMs`. */
  waitFor(predicate: (messages: ReceivedMail[]) => boolean, timeoutMs?: number): Promise<ReceivedMail[]>;
  stop(): Promise<void>;
}

export async function startSmtpSink(port = 0, messages: ReceivedMail[] = []): Promise<SmtpSink> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'test/support/smtp-sink-server.ts'), String(port)], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const listening = new Promise<number>((ok, fail) => {
    const timer = setTimeout(() => fail(new Error('the SMTP sink did not start within 30 s')), 30_000);
    child.once('exit', (code) => fail(new Error(`the SMTP sink exited with ${code}`)));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      let msg: { type: string; port?: number } & Partial<ReceivedMail>;
      try {
        msg = JSON.parse(line);
      } catch {
        return;
      }
      if (msg.type === 'listening') {
        clearTimeout(timer);
        ok(msg.port!);
      } else if (msg.type === 'message') {
        const { type: _t, ...mail } = msg;
        messages.push(mail as ReceivedMail);
      }
    });
  });
  const actual = await listening;
  return {
    port: actual,
    url: `smtp://127.0.0.1:${actual}`,
    messages,
    async waitFor(predicate, timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs;
      while (!predicate(messages)) {
        if (Date.now() > deadline) throw new Error(`timed out waiting for mail; received ${messages.length}: ${messages.map((m) => m.subject).join(' | ')}`);
        await new Promise((r) => setTimeout(r, 100));
      }
      return messages;
    },
    stop: () =>
      new Promise<void>((ok) => {
        if (child.exitCode !== null) return ok();
        child.once('exit', () => ok());
        child.kill('SIGTERM');
      }),
  };
}

/** A port nothing listens on right now (for "the mail server is down"). */
export async function freePort(): Promise<number> {
  const net = await import('node:net');
  return new Promise((ok, fail) => {
    const s = net.createServer();
    s.once('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const p = (s.address() as { port: number }).port;
      s.close(() => ok(p));
    });
  });
}
