// The product's configuration: every environment variable it reads, validated once with Zod. A bad value stops the
// process at start with the variable's name and what it must be, instead of a NaN or a surprise later. The README's
// Configuration section lists the same variables.
//
// Read with `appConfig()` (process.env, once) or `loadConfig(env)` (tests, embedding). The server and the CLI put the
// parts services need into the ServiceContext (runtime.ts); services do not read process.env themselves.
import { z } from 'zod';

const MiB = 1024 ** 2;

/** Unset and empty mean "use the default". */
const unset = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : typeof v === 'string' ? v.trim() : v);

const positiveInt = (fallback: number) =>
  z.preprocess(
    unset,
    z
      .string()
      .regex(/^\d+$/, 'must be a positive whole number')
      .transform(Number)
      .pipe(z.number().int().positive('must be a positive whole number').max(Number.MAX_SAFE_INTEGER, 'is too large'))
      .default(fallback),
  );

const text = (fallback: string) => z.preprocess(unset, z.string().default(fallback));
const optionalText = z.preprocess(unset, z.string().optional());

const flag = z.preprocess(
  unset,
  z
    .enum(['1', '0', 'true', 'false'], { error: 'must be 1 or 0 (true or false)' })
    .transform((v) => v === '1' || v === 'true')
    .default(false),
);

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const EnvSchema = z.object({
  DATABASE_URL: z.preprocess(
    unset,
    z
      .string()
      .refine((v) => /^(sqlite:|postgres(ql)?:\/\/)/.test(v), 'must start with sqlite: or postgres://')
      .default('sqlite:data/bonafide.sqlite'),
  ),
  BONAFIDE_PG_POOL: positiveInt(10),
  BONAFIDE_DATA_DIR: text('data'),
  BONAFIDE_MAX_UPLOAD_BYTES: positiveInt(50 * MiB),
  BONAFIDE_MAX_SPC_VALUES: positiveInt(1_000_000),
  BONAFIDE_MAX_IMPORT_BYTES: positiveInt(512 * MiB),
  PORT: z.preprocess(
    unset,
    z.string().regex(/^\d+$/, 'must be a port number').transform(Number).pipe(z.number().int().min(0).max(65535, 'must be a port number (0–65535)')).default(3000),
  ),
  HOST: text('0.0.0.0'),
  LOG_LEVEL: z.preprocess(unset, z.enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(', ')}` }).default('info')),
  TRUST_PROXY: flag,
  BONAFIDE_WEB_ROOT: optionalText,
  BONAFIDE_LOG_ORIGIN: z.preprocess(
    unset,
    z
      .string()
      .regex(/^[^\s+]+$/, 'must be a name without spaces or "+" (e.g. bonafide.example.com/log)')
      .default('bonafide.local/log'),
  ),
  BONAFIDE_NOW: z.preprocess(unset, z.string().refine((v) => !Number.isNaN(Date.parse(v)), 'must be an ISO date-time').optional()),
  SMTP_URL: z.preprocess(unset, z.string().regex(/^smtps?:\/\//, 'must start with smtp:// or smtps://').optional()),
  MAIL_FROM: text('Bonafide <no-reply@bonafide.localhost>'),
  BONAFIDE_PUBLIC_URL: z.preprocess(unset, z.string().regex(/^https?:\/\//, 'must start with http:// or https://').optional()),
  BONAFIDE_JOB_INTERVAL_MS: positiveInt(30_000),
  BONAFIDE_MAIL_MAX_ATTEMPTS: positiveInt(20),
  BONAFIDE_SIGNUP_CONFIRMATION: z.preprocess(unset, z.enum(['email', 'off'], { error: 'must be email or off' }).optional()),
  BONAFIDE_PDF_FONTS: z.preprocess(unset, z.enum(['system', 'builtin'], { error: 'must be system or builtin' }).default('system')),
  BONAFIDE_PDF_CJK_FONT: optionalText,
  BONAFIDE_PDF_CJK_FONT_NAME: optionalText,
});

/** The environment variables the product reads, in the README's order. */
export const CONFIG_VARIABLES = Object.keys(EnvSchema.shape) as readonly (keyof typeof EnvSchema.shape)[];

export interface MailConfig {
  /** smtp://user:pass@host:587, smtps://host:465; null: notifications stay in the app. */
  smtpUrl: string | null;
  from: string;
  /** Base of links in emails, without a trailing slash. */
  publicUrl: string;
  jobIntervalMs: number;
  maxAttempts: number;
  /** 'email' when SMTP_URL is set, unless BONAFIDE_SIGNUP_CONFIRMATION says otherwise. */
  signupConfirmation: 'email' | 'off';
}

export interface AppConfig {
  databaseUrl: string;
  pgPoolSize: number;
  dataDir: string;
  maxUploadBytes: number;
  maxSpcValues: number;
  maxImportBytes: number;
  port: number;
  host: string;
  logLevel: (typeof LOG_LEVELS)[number];
  trustProxy: boolean;
  /** The built web app's folder; undefined: the one beside the server (dist/web). */
  webRoot: string | undefined;
  logOrigin: string;
  /** The clock's start (tests and demos only). */
  now: string | undefined;
  mail: MailConfig;
  pdf: { builtinFonts: boolean; cjkFont: string | undefined; cjkFontName: string | undefined };
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(readonly problems: { variable: string; message: string; value: string | undefined }[]) {
    super(
      `invalid configuration:\n` +
        problems.map((p) => `  ${p.variable}${p.value === undefined ? '' : `=${JSON.stringify(p.value)}`}: ${p.message}`).join('\n'),
    );
  }
}

/** Validates the environment; throws a ConfigError naming every bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): AppConfig {
  const picked = Object.fromEntries(CONFIG_VARIABLES.map((k) => [k, env[k]]));
  const parsed = EnvSchema.safeParse(picked);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => {
      const variable = String(i.path[0]);
      // SMTP_URL may carry a password: name the variable, never echo its value.
      const value = variable === 'SMTP_URL' ? undefined : env[variable];
      return { variable, message: i.message, value };
    });
    throw new ConfigError(problems);
  }
  const e = parsed.data;
  const smtpUrl = e.SMTP_URL ?? null;
  return {
    databaseUrl: e.DATABASE_URL,
    pgPoolSize: e.BONAFIDE_PG_POOL,
    dataDir: e.BONAFIDE_DATA_DIR,
    maxUploadBytes: e.BONAFIDE_MAX_UPLOAD_BYTES,
    maxSpcValues: e.BONAFIDE_MAX_SPC_VALUES,
    maxImportBytes: e.BONAFIDE_MAX_IMPORT_BYTES,
    port: e.PORT,
    host: e.HOST,
    logLevel: e.LOG_LEVEL,
    trustProxy: e.TRUST_PROXY,
    webRoot: e.BONAFIDE_WEB_ROOT,
    logOrigin: e.BONAFIDE_LOG_ORIGIN,
    now: e.BONAFIDE_NOW,
    mail: {
      smtpUrl,
      from: e.MAIL_FROM,
      publicUrl: (e.BONAFIDE_PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, ''),
      jobIntervalMs: e.BONAFIDE_JOB_INTERVAL_MS,
      maxAttempts: e.BONAFIDE_MAIL_MAX_ATTEMPTS,
      signupConfirmation: e.BONAFIDE_SIGNUP_CONFIRMATION ?? (smtpUrl ? 'email' : 'off'),
    },
    pdf: { builtinFonts: e.BONAFIDE_PDF_FONTS === 'builtin', cjkFont: e.BONAFIDE_PDF_CJK_FONT, cjkFontName: e.BONAFIDE_PDF_CJK_FONT_NAME },
  };
}

let fromProcess: AppConfig | undefined;

/** The process's configuration, read from process.env on first use. */
export function appConfig(): AppConfig {
  fromProcess ??= loadConfig(process.env);
  return fromProcess;
}
