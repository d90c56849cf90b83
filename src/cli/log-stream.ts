// Where `bonafide serve` writes its log (pino's lines): standard output, in blocks.
//
// Lines are gathered and written together once 16 KB are waiting, at least every second (so that a quiet
// server's log is current), at once for a warning or worse, and when the process exits. pino's asynchronous
// destination (sonic-boom) measured the byte length of its whole pending buffer again at every line and copied
// each block twice: 4-6 µs per line, against about 0.3 µs here, on a request that takes 60-100 µs in all.
// Writes are synchronous, as pino's default destination's are: a block every few dozen requests.
import { writeSync } from 'node:fs';

const BLOCK_CHARS = 16 * 1024;
const EVERY_MS = 1000;
/** pino's lines start with `{"level":NN`; 40 and above are warn, error and fatal. */
const LEVEL_DIGIT_AT = '{"level":'.length;
const WARN_DIGIT = '4'.charCodeAt(0);

export interface LogStream {
  write(line: string): void;
  /** Writes out what is waiting. */
  flush(): void;
}

/** Waits without the event loop (a blocked pipe or terminal said EAGAIN): the write must not be dropped. */
function pause(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function writeAll(fd: number, text: string): void {
  let buf = Buffer.from(text, 'utf8');
  while (buf.length > 0) {
    try {
      buf = buf.subarray(writeSync(fd, buf));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EAGAIN') throw err;
      pause(10);
    }
  }
}

export function logStream(fd = 1): LogStream {
  let pending = '';
  let failed = false;
  const flush = () => {
    if (pending === '') return;
    const text = pending;
    pending = '';
    try {
      writeAll(fd, text);
    } catch (err) {
      // A closed or broken output (EPIPE, a full disk) loses the log, not the requests being answered.
      if (!failed) process.stderr.write(`the log cannot be written (${(err as Error).message}); lines are dropped\n`);
      failed = true;
    }
  };
  setInterval(flush, EVERY_MS).unref();
  process.on('exit', flush);
  return {
    write(line: string) {
      pending += line;
      if (pending.length >= BLOCK_CHARS || line.charCodeAt(LEVEL_DIGIT_AT) >= WARN_DIGIT) flush();
    },
    flush,
  };
}
