import { Command, CommanderError } from 'commander';
import { describe, expect, it } from 'vitest';
import { registerIdCommand } from '../../src/cli/commands/id.js';
import { captureCliOutput } from '../support/cli-output.js';

// In-process harness. A CommanderError (usage error) becomes exit 2 here, as main.ts does for the binary.
const { out, err } = captureCliOutput();

async function run(...args: string[]): ReturnType<typeof runWith> {
  return runWith('before', ...args);
}

/**
 * `before`: exitOverride on the program before registering (the brief's harness);
 * `after`: registered first, exitOverride after — the order src/cli/main.ts uses.
 */
async function runWith(order: 'before' | 'after', ...args: string[]): Promise<{ stdout: string; stderr: string; code: number | undefined; error?: CommanderError }> {
  const program = new Command();
  program.name('bonafide');
  if (order === 'before') program.exitOverride();
  registerIdCommand(program);
  if (order === 'after') program.exitOverride();
  let error: CommanderError | undefined;
  try {
    await program.parseAsync(['node', 'bonafide', 'id', 'validate', ...args]);
  } catch (e) {
    if (!(e instanceof CommanderError)) throw e;
    error = e;
    process.exitCode = 2;
  }
  const code = process.exitCode === undefined ? undefined : Number(process.exitCode);
  return { stdout: out.join(''), stderr: err.join(''), code, error };
}

describe('bonafide id validate --json', () => {
  it.each([
    {
      args: ['lei', '5493001KJTIIGC8Y1R12'],
      json: { scheme: 'lei', value: '5493001KJTIIGC8Y1R12', normalized: '5493001KJTIIGC8Y1R12', valid: true, checkDigit: true },
      code: 0,
      source: 'brief example LEI',
    },
    {
      args: ['lei', '213800KUD8LXJWSQ9D15'],
      json: {
        scheme: 'lei',
        value: '213800KUD8LXJWSQ9D15',
        normalized: '213800KUD8LXJWSQ9D15',
        valid: false,
        reason: 'check digits mismatch: expected 58, got 15',
        checkDigit: true,
      },
      code: 1,
      source: 'python-stdnum stdnum/lei.py doctest (invalid checksum)',
    },
    {
      args: ['cn-uscc', '91 110000 600037341L'],
      json: { scheme: 'cn-uscc', value: '91 110000 600037341L', normalized: '91110000600037341L', valid: true, checkDigit: true },
      code: 0,
      source: 'python-stdnum tests/test_cn_uscc.doctest',
    },
    {
      args: ['eu-vat', 'EL 094279805'],
      json: { scheme: 'eu-vat', value: 'EL 094279805', normalized: 'EL094279805', valid: true, checkDigit: true },
      code: 0,
      source: 'python-stdnum tests/test_eu_vat.doctest',
    },
    {
      args: ['duns', '15-048-3782'],
      json: { scheme: 'duns', value: '15-048-3782', normalized: '150483782', valid: true, checkDigit: false },
      code: 0,
      source: 'Wikipedia D-U-N-S example',
    },
    {
      args: ['us-ein', '07-1144442'],
      json: {
        scheme: 'us-ein',
        value: '07-1144442',
        normalized: '071144442',
        valid: false,
        reason: 'prefix 07 is not a prefix the IRS assigns',
        checkDigit: false,
      },
      code: 1,
      source: 'python-stdnum stdnum/us/ein.py doctest',
    },
    {
      args: ['gb-crn', 'SC234456'],
      json: { scheme: 'gb-crn', value: 'SC234456', normalized: 'SC234456', valid: true, checkDigit: false },
      code: 0,
      source: 'conciseaccountancy.com Scottish company example',
    },
  ])('$args → exit $code ($source)', async ({ args, json, code }) => {
    const r = await run(...args, '--json');
    expect(r.error).toBeUndefined();
    expect(r.stderr).toBe('');
    expect(r.stdout.endsWith('\n')).toBe(true);
    const parsed = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(parsed).toEqual(json);
    // key order: scheme, value, normalized, valid, reason?, then checkDigit
    expect(Object.keys(parsed)).toEqual(Object.keys(json));
    expect(r.code).toBe(code);
  });

  it('--json may come before the arguments', async () => {
    const r = await run('--json', 'duns', '150483782');
    expect(JSON.parse(r.stdout)).toMatchObject({ valid: true });
    expect(r.code).toBe(0);
  });
});

describe('bonafide id validate (readable line)', () => {
  it.each([
    {
      args: ['lei', '5493001KJTIIGC8Y1R12'],
      line: 'valid — format and check digit valid; not confirmed with a registry (lei 5493001KJTIIGC8Y1R12)',
      code: 0,
    },
    {
      args: ['duns', '15-048-3782'],
      line: 'valid — format valid (this identifier has no check digit); not confirmed with a registry (duns 150483782)',
      code: 0,
    },
    {
      args: ['cn-uscc', '91110000600037341N'],
      line: 'invalid — check character mismatch: expected L, got N (cn-uscc 91110000600037341N)',
      code: 1,
    },
  ])('$args', async ({ args, line, code }) => {
    const r = await run(...args);
    expect(r.stdout).toBe(`${line}\n`);
    expect(r.code).toBe(code);
  });

  it('never claims a registry look-up', async () => {
    const r = await run('eu-vat', 'ATU 57194903');
    expect(r.stdout).toMatch(/not confirmed with a registry/);
    expect(r.stdout).not.toMatch(/\b(registered|exists|found in|confirmed by)\b/);
  });
});

describe('usage errors → exit 2', () => {
  it.each([
    { args: ['iban', 'DE89370400440532013000'], code: 'commander.invalidArgument', stderr: /Allowed choices are lei, cn-uscc, eu-vat, duns, gb-crn, us-ein/ },
    { args: ['lei'], code: 'commander.missingArgument', stderr: /missing required argument 'value'/ },
    { args: [], code: 'commander.missingArgument', stderr: /missing required argument 'scheme'/ },
    { args: ['lei', 'A', 'B'], code: 'commander.excessArguments', stderr: /too many arguments/ },
    { args: ['lei', '5493001KJTIIGC8Y1R12', '--yaml'], code: 'commander.unknownOption', stderr: /unknown option '--yaml'/ },
  ])('$args → $code', async ({ args, code, stderr }) => {
    const r = await run(...args);
    expect(r.error?.code).toBe(code);
    expect(r.stderr).toMatch(stderr);
    expect(r.stdout).toBe('');
    expect(r.code).toBe(2);
  });

  it('throws a CommanderError even when the program gets exitOverride after registration (main.ts order)', async () => {
    const r = await runWith('after', 'iban', 'DE89370400440532013000');
    expect(r.error?.code).toBe('commander.invalidArgument');
    expect(r.code).toBe(2);
    const missing = await runWith('after', 'lei');
    expect(missing.error?.code).toBe('commander.missingArgument');
  });
});
