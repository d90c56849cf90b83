import { describe, expect, it } from 'vitest';
import { CONFIG_VARIABLES, ConfigError, loadConfig } from './config.js';
import { readFileSync } from 'node:fs';

describe('configuration', () => {
  it('has a default for everything: an empty environment runs on SQLite under ./data on port 3000', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      databaseUrl: 'sqlite:data/bonafide.sqlite',
      pgPoolSize: 10,
      dataDir: 'data',
      maxUploadBytes: 50 * 1024 ** 2,
      maxSpcValues: 1_000_000,
      maxImportBytes: 512 * 1024 ** 2,
      port: 3000,
      host: '0.0.0.0',
      logLevel: 'info',
      trustProxy: false,
      webRoot: undefined,
      logOrigin: 'bonafide.local/log',
      now: undefined,
      pdf: { builtinFonts: false },
    });
    expect(c.mail).toEqual({
      smtpUrl: null,
      from: 'Bonafide <no-reply@bonafide.localhost>',
      publicUrl: 'http://localhost:3000',
      jobIntervalMs: 30_000,
      maxAttempts: 20,
      signupConfirmation: 'off',
    });
  });

  it('reads every variable, and empty means unset', () => {
    const c = loadConfig({
      DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/bonafide',
      BONAFIDE_PG_POOL: '3',
      PORT: '8080',
      HOST: '',
      TRUST_PROXY: '1',
      LOG_LEVEL: 'warn',
      SMTP_URL: 'smtp://127.0.0.1:2525',
      BONAFIDE_PUBLIC_URL: 'https://bonafide.example.com/',
      BONAFIDE_PDF_FONTS: 'builtin',
      BONAFIDE_NOW: '2026-03-02T09:00:00Z',
    });
    expect(c).toMatchObject({ pgPoolSize: 3, port: 8080, host: '0.0.0.0', trustProxy: true, logLevel: 'warn', now: '2026-03-02T09:00:00Z' });
    expect(c.mail).toMatchObject({ smtpUrl: 'smtp://127.0.0.1:2525', publicUrl: 'https://bonafide.example.com', signupConfirmation: 'email' });
    expect(c.pdf.builtinFonts).toBe(true);
    expect(loadConfig({ SMTP_URL: 'smtp://h:25', BONAFIDE_SIGNUP_CONFIRMATION: 'off' }).mail.signupConfirmation).toBe('off');
    expect(loadConfig({ PORT: '4000' }).mail.publicUrl).toBe('http://localhost:4000');
  });

  it('names each bad variable and what it must be, never echoing the SMTP password', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'eighty', BONAFIDE_MAX_UPLOAD_BYTES: '-1', LOG_LEVEL: 'loud', SMTP_URL: 'http://user:secret@host', DATABASE_URL: 'mysql://x' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems;
    expect(problems.map((p) => p.variable).sort()).toEqual(['BONAFIDE_MAX_UPLOAD_BYTES', 'DATABASE_URL', 'LOG_LEVEL', 'PORT', 'SMTP_URL']);
    const message = (error as Error).message;
    expect(message).toContain('PORT="eighty": must be a port number');
    expect(message).toContain('BONAFIDE_MAX_UPLOAD_BYTES="-1": must be a positive whole number');
    expect(message).toContain('LOG_LEVEL="loud": must be one of fatal, error, warn, info, debug, trace, silent');
    expect(message).toContain('SMTP_URL: must start with smtp:// or smtps://');
    expect(message).not.toContain('secret');
    expect(() => loadConfig({ BONAFIDE_SIGNUP_CONFIRMATION: 'yes' })).toThrow(/BONAFIDE_SIGNUP_CONFIRMATION="yes": must be email or off/);
    expect(() => loadConfig({ TRUST_PROXY: 'yes' })).toThrow(/TRUST_PROXY/);
    expect(() => loadConfig({ BONAFIDE_NOW: 'tomorrow' })).toThrow(/BONAFIDE_NOW/);
    expect(() => loadConfig({ BONAFIDE_PG_POOL: '2.5' })).toThrow(/BONAFIDE_PG_POOL/);
    // The import limit: a sensible default (512 MiB), overridden in bytes, nonsense refused.
    expect(loadConfig({}).maxImportBytes).toBe(512 * 1024 * 1024);
    expect(loadConfig({ BONAFIDE_MAX_IMPORT_BYTES: '1048576' }).maxImportBytes).toBe(1048576);
    for (const bad of ['-1', '0', '1.5', 'lots', '8GiB']) expect(() => loadConfig({ BONAFIDE_MAX_IMPORT_BYTES: bad }), bad).toThrow(/BONAFIDE_MAX_IMPORT_BYTES/);
  });

  it('the README documents every variable', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    const section = readme.slice(readme.indexOf('## Configuration'), readme.indexOf('\n## ', readme.indexOf('## Configuration') + 1));
    const missing = CONFIG_VARIABLES.filter((v) => !section.includes(`\`${v}\``));
    expect(missing).toEqual([]);
  });
});
