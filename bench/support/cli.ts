// The CLI as a user runs it: a whole `node dist/src/cli/main.js …` process, timed from spawn to exit; peak RSS
// from /usr/bin/time (the kernel's maximum resident set of the process).
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { track } from '../harness.js';
import { CLI, REPO } from './build.js';

export interface CliRun {
  ms: number;
  code: number;
  stdout: string;
  stderr: string;
  maxRssMb: number | null;
}

const TIME = '/usr/bin/time';

export function runProcess(argv: string[], opts: { rss?: boolean; env?: Record<string, string> } = {}): Promise<CliRun> {
  const useTime = opts.rss && existsSync(TIME);
  const [cmd, ...args] = useTime ? [TIME, '-f', 'BENCH_MAXRSS_KB %M', ...argv] : argv;
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    const p = track(spawn(cmd!, args, { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...opts.env } }));
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    p.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    p.on('error', reject);
    p.on('close', (code) => {
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      const m = /BENCH_MAXRSS_KB (\d+)/.exec(stderr);
      resolve({ ms, code: code ?? -1, stdout, stderr: stderr.replace(/BENCH_MAXRSS_KB \d+\n?/, ''), maxRssMb: m ? Number(m[1]) / 1024 : null });
    });
  });
}

export async function runCli(args: string[], opts: { rss?: boolean; env?: Record<string, string> } = {}): Promise<CliRun> {
  const r = await runProcess([process.execPath, CLI, ...args], opts);
  if (r.code !== 0) throw new Error(`bonafide ${args.join(' ')} exited with ${r.code}:\n${r.stderr.slice(-2000)}`);
  return r;
}
