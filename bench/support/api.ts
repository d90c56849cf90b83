// Setting up a benchmark's caller through the product's own API: log in, then create an API token.
export interface Session {
  cookie: string;
  csrf: string;
}

async function ok(res: Response, what: string): Promise<Response> {
  if (!res.ok) throw new Error(`${what}: ${res.status} ${await res.text()}`);
  return res;
}

export async function logIn(base: string, email: string, password: string): Promise<Session> {
  const res = await ok(
    await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) }),
    `log in as ${email}`,
  );
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
  const csrf = ((await (await ok(await fetch(`${base}/api/v1/auth/csrf`, { headers: { cookie } }), 'csrf')).json()) as { token: string }).token;
  return { cookie, csrf };
}

/** An API token of the logged-in member: `Authorization: Bearer <token>`. */
export async function createToken(base: string, s: Session, name = 'bench'): Promise<string> {
  const res = await ok(
    await fetch(`${base}/api/v1/tokens`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: s.cookie, 'x-csrf-token': s.csrf },
      body: JSON.stringify({ name }),
    }),
    'create token',
  );
  return ((await res.json()) as { token: string }).token;
}

export async function getJson<T = unknown>(url: string, headers: Record<string, string>): Promise<T> {
  return (await (await ok(await fetch(url, { headers }), `GET ${url}`)).json()) as T;
}

export const DEMO_PASSWORD = 'bonafide-demo-2026';
export const DEMO_BUYER = 'anna.weber@nordlicht.example';

export async function postJson<T = unknown>(url: string, headers: Record<string, string>, body: unknown): Promise<T> {
  return (await (await ok(await fetch(url, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify(body) }), `POST ${url}`)).json()) as T;
}
