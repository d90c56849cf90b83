// A product server over a fresh demo workspace (`bonafide serve` seeds it on first start), with the demo buyer
// logged in and holding an API token.
import { join } from 'node:path';
import { createToken, DEMO_BUYER, DEMO_PASSWORD, logIn, type Session } from './api.js';
import { startProduct, type Server } from './server.js';
import { tempDir } from '../harness.js';

export interface DemoServer {
  server: Server;
  dir: string;
  session: Session;
  /** Headers of an API integration of the demo buyer. */
  bearer: Record<string, string>;
}

export async function demoServer(): Promise<DemoServer> {
  const dir = tempDir('demo');
  const server = await startProduct({ database: `sqlite:${join(dir, 'db.sqlite')}`, dataDir: join(dir, 'data'), demo: true, logFile: join(dir, 'server.log') });
  const session = await logIn(server.url, DEMO_BUYER, DEMO_PASSWORD);
  const token = await createToken(server.url, session);
  return { server, dir, session, bearer: { authorization: `Bearer ${token}` } };
}
