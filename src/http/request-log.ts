// The request log: one line per request, written when its answer is finished.
//
// Fastify's own log lines ("incoming request" and "request completed", the request serialized with its host and
// port) were two lines per request, and logging them through an onResponse hook a tenth of a light request's time.
// This writes the facts that matter once, flat, through Fastify's LogController (no hook: Fastify calls it when
// the response is finished). Every other line Fastify writes through the controller — a stream that failed after
// its headers were sent, a writeHead that threw, a serializer that failed — is kept as Fastify writes it.
import { hostname } from 'node:os';
import { LogController, type FastifyBaseLogger, type FastifyReply, type FastifyRequest } from 'fastify';

/** Where `serve` writes its log: the request lines can go there directly. */
export interface LineSink {
  write(line: string): void;
}

export class RequestLog extends LogController {
  /** `"pid":…,"hostname":…,` as pino writes them in every line. */
  private readonly base = `${JSON.stringify({ pid: process.pid, hostname: hostname() }).slice(1, -1)},`;

  /**
   * With a sink (the stream pino writes to, in its default format), a completed request's line is written there as
   * pino would write it, without going through pino: formatting it through the request's child logger was 5-6 µs of
   * a GET /me that takes 80 (A/B on the compiled server), the line by hand under 1.
   */
  constructor(private readonly sink?: LineSink) {
    super();
  }

  /** Nothing at the start: the line at the end carries the same facts. */
  override incomingRequest(): void {}

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    // Milliseconds to the microsecond: more digits say nothing.
    const responseTime = Math.round(reply.elapsedTime * 1000) / 1000;
    const log = request.log as FastifyBaseLogger & { isLevelEnabled?: (level: string) => boolean };
    if (this.sink && !error && log.isLevelEnabled) {
      if (!log.isLevelEnabled('info')) return;
      const ip = request.ip as string | undefined;
      this.sink.write(
        `{"level":30,"time":${Date.now()},${this.base}"reqId":${JSON.stringify(request.id)},"method":${JSON.stringify(request.method)},"url":${JSON.stringify(request.url)},` +
          `"statusCode":${reply.statusCode},${ip === undefined ? '' : `"remoteAddress":${JSON.stringify(ip)},`}"responseTime":${responseTime},"msg":"request completed"}\n`,
      );
      return;
    }
    const line = { method: request.method, url: request.url, statusCode: reply.statusCode, remoteAddress: request.ip, responseTime };
    // request.log carries the request id (reqId).
    if (error) request.log.error({ ...line, err: error }, 'request errored');
    else request.log.info(line, 'request completed');
  }
}
