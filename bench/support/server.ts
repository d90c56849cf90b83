// Servers under test, each in a process of its own: the product as `bonafide serve` runs it (compiled, with its
// request log written to a file, as a service manager would), and the bare Fastify ceiling.
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { track } from '../harness.js';
import { CLI, REPO } from './build.js';

export interface Server {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

function stopper(p: ChildProcess): () => Promise<void> {
  return async () => {
    if (p.exitCode !== null) return;
    const exited = new Promise<void>((res) => p.once('exit', () => res()));
    p.kill('SIGTERM');
    await Promise.race([exited, sleep(10_000)]);
    if (p.exitCode === null) p.kill('SIGKILL');
  };
}

/** `bonafide serve` on a free port of 127.0.0.1; `demo: true` seeds the demo workspace on first start. */
export async function startProduct(opts: { database: string; dataDir: string; demo?: boolean; logFile: string; env?: Record<string, string> }): Promise<Server> {
  const fd = openSync(opts.logFile, 'w');
  const args = [CLI, 'serve', '--port', '0', '--host', '127.0.0.1', '--database', opts.database, '--data-dir', opts.dataDir];
  if (!opts.demo) args.push('--no-demo');
  const p = track(spawn(process.execPath, args, { cwd: REPO, stdio: ['ignore', fd, fd], env: { ...process.env, LOG_LEVEL: 'info', ...opts.env } }));
  closeSync(fd);
  const deadline = Date.now() + 300_000;
  while (Date.now() < deadline) {
    if (p.exitCode !== null) throw new Error(`bonafide serve exited with ${p.exitCode}:\n${readFileSync(opts.logFile, 'utf8').slice(-2000)}`);
    const m = /Bonafide is running at http:\/\/localhost:(\d+)/.exec(readFileSync(opts.logFile, 'utf8'));
    if (m) return { url: `http://127.0.0.1:${m[1]}`, pid: p.pid!, stop: stopper(p) };
    await sleep(100);
  }
  p.kill('SIGKILL');
  throw new Error('bonafide serve did not start within 300 s');
}

/** Bare Fastify answering each path with the given status and JSON body. */
export async function startBare(dir: string, routes: { path: string; status?: number; body: unknown }[]): Promise<Server> {
  const file = join(dir, `bare-routes-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, JSON.stringify(routes.map((r) => ({ status: 200, ...r }))));
  const p = track(spawn(process.execPath, ['--import', 'tsx', join(REPO, 'bench', 'support', 'bare-server.ts'), file], { cwd: REPO, stdio: ['ignore', 'pipe', 'inherit'] }));
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    p.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /\{"port":(\d+)\}/.exec(out);
      if (m) resolve(Number(m[1]));
    });
    p.on('exit', (code) => reject(new Error(`bare server exited with ${code}`)));
  });
  return { url: `http://127.0.0.1:${port}`, pid: p.pid!, stop: stopper(p) };
}
