// HTTP load from the benchmark process (autocannon): client and servers share this machine, as in the issue.
import autocannon from 'autocannon';

export const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 16);
export const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 5);

export interface LoadFigures {
  rps: number;
  p50: number;
  p99: number;
  bytes: number;
}

/** Requests per second and latency percentiles (ms) of GET `url` under `connections` concurrent connections. */
export async function load(url: string, headers: Record<string, string> = {}, opts: { connections?: number; duration?: number } = {}): Promise<LoadFigures> {
  const r = await autocannon({ url, headers, connections: opts.connections ?? CONNECTIONS, duration: opts.duration ?? DURATION_S });
  if (r.non2xx > 0 || r.errors > 0) throw new Error(`${url}: ${r.non2xx} non-2xx responses, ${r.errors} errors`);
  return { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, bytes: r.throughput.average / Math.max(1, r.requests.average) };
}

/** Latencies (ms) of `n` requests one after another (no concurrency): how long one user waits. */
export async function sequential(url: string, headers: Record<string, string>, n: number): Promise<{ p50: number; p99: number; max: number }> {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = process.hrtime.bigint();
    const res = await fetch(url, { headers });
    await res.arrayBuffer();
    if (!res.ok) throw new Error(`${url}: ${res.status}`);
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.ceil(q * times.length) - 1)]!;
  return { p50: at(0.5), p99: at(0.99), max: times[times.length - 1]! };
}
