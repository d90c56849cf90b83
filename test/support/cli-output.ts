import { afterEach, beforeEach, vi, type MockInstance } from 'vitest';

/** Captures what CLI commands print, for in-process CLI tests; resets the exit code after each test. */
export function captureCliOutput(): { out: string[]; err: string[] } {
  const io = { out: [] as string[], err: [] as string[] };
  let stdoutSpy: MockInstance;
  let stderrSpy: MockInstance;
  beforeEach(() => {
    io.out.length = 0;
    io.err.length = 0;
    stdoutSpy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: unknown) => {
      io.out.push(String(chunk));
      return true;
    });
    stderrSpy = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: unknown) => {
      io.err.push(String(chunk));
      return true;
    });
  });
  afterEach(() => {
    stdoutSpy.mockRestore();
    stderrSpy.mockRestore();
    process.exitCode = undefined;
  });
  return io;
}
