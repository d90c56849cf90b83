// A real SMTP server in its own process (the `smtp-server` package), for tests: it accepts every message on the
// port it is given, parses it with `mailparser`, and prints one JSON line per message on stdout. Started and
// stopped by smtp-sink.ts; never a mocked transport.
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

const port = Number(process.argv[2] ?? 0);
const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  logger: false,
  onData(stream, _session, callback) {
    simpleParser(stream)
      .then((mail) => {
        const to = Array.isArray(mail.to) ? mail.to.flatMap((a) => a.value) : (mail.to?.value ?? []);
        process.stdout.write(
          JSON.stringify({
            type: 'message',
            messageId: mail.messageId ?? null,
            outboxId: mail.headers.get('x-bonafide-outbox-id') ?? null,
            from: mail.from?.text ?? null,
            to: to.map((a) => a.address),
            subject: mail.subject ?? '',
            text: mail.text ?? '',
          }) + '\n',
        );
        callback();
      })
      .catch((e: Error) => callback(e));
  },
});
server.listen(port, '127.0.0.1', () => {
  const address = server.server.address();
  process.stdout.write(JSON.stringify({ type: 'listening', port: typeof address === 'object' && address ? address.port : port }) + '\n');
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
