import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { logStream } from './log-stream.js';

const info = (n: number) => `{"level":30,"time":1,"msg":"line ${n}"}\n`;

describe('serve log stream', () => {
  let dir: string;
  let file: string;
  let fd: number;
  beforeEach(() => {
    vi.useFakeTimers();
    dir = mkdtempSync(join(tmpdir(), 'bonafide-log-'));
    file = join(dir, 'out.log');
    fd = openSync(file, 'w');
  });
  afterEach(() => {
    vi.useRealTimers();
    closeSync(fd);
    rmSync(dir, { recursive: true, force: true });
  });

  it('gathers info lines and writes them in order once 16 KB wait, every second, or when flushed', () => {
    const s = logStream(fd);
    s.write(info(1));
    s.write(info(2));
    expect(readFileSync(file, 'utf8')).toBe('');
    vi.advanceTimersByTime(1000);
    expect(readFileSync(file, 'utf8')).toBe(info(1) + info(2));

    const many = Array.from({ length: 600 }, (_, i) => info(i + 3));
    for (const l of many) s.write(l);
    const written = readFileSync(file, 'utf8');
    expect(written.length).toBeGreaterThanOrEqual(16 * 1024);
    expect((info(1) + info(2) + many.join('')).startsWith(written)).toBe(true);
    s.flush();
    expect(readFileSync(file, 'utf8')).toBe(info(1) + info(2) + many.join(''));
  });

  it('writes a warning or worse at once, after what waited before it', () => {
    const s = logStream(fd);
    s.write(info(1));
    const warn = '{"level":40,"time":1,"msg":"slow"}\n';
    const error = '{"level":50,"time":1,"msg":"failed"}\n';
    s.write(warn);
    expect(readFileSync(file, 'utf8')).toBe(info(1) + warn);
    s.write(error);
    expect(readFileSync(file, 'utf8')).toBe(info(1) + warn + error);
  });

  it('keeps multi-byte text whole', () => {
    const s = logStream(fd);
    const line = '{"level":30,"msg":"Bore Ø 32 H7 为期3至6个月"}\n';
    s.write(line);
    s.flush();
    expect(readFileSync(file, 'utf8')).toBe(line);
  });
});
