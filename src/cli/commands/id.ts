// `bonafide id validate <scheme> <value> [--json]`: offline check of a registration identifier.
// Exit codes: 0 valid, 1 not valid, 2 usage error. An unknown scheme or a missing argument is a commander
// usage error: these commands always throw a CommanderError for it (their own exitOverride, because a
// subcommand only inherits the program's exitOverride when that was set before it was created) and
// main.ts maps CommanderErrors to exit 2.
// The wording never implies a registry look-up: a valid result means well formed (and check digit right).
import { Argument, type Command } from 'commander';
import {
  IDENTIFIER_SCHEMES,
  IDENTIFIER_SCHEME_LABELS,
  validateIdentifier,
  type IdentifierScheme,
  type IdentifierValidation,
} from '../../domain/identifiers/index.js';

export const EXIT_VALID = 0;
export const EXIT_INVALID = 1;

/** The --json document: scheme, value, normalized, valid, reason (only when invalid), checkDigit. */
export function identifierJson(r: IdentifierValidation): Record<string, unknown> {
  const out: Record<string, unknown> = {
    scheme: r.scheme,
    value: r.value,
    normalized: r.normalized,
    valid: r.valid,
  };
  if (!r.valid) out.reason = r.reason;
  out.checkDigit = r.checkDigit;
  return out;
}

/** One readable line, e.g. "valid — format and check digit valid; not confirmed with a registry (lei …)". */
export function identifierLine(r: IdentifierValidation): string {
  const subject = `(${r.scheme} ${r.normalized})`;
  if (!r.valid) return `invalid — ${r.reason} ${subject}`;
  const what = r.checkDigit
    ? 'format and check digit valid'
    : 'format valid (this identifier has no check digit)';
  return `valid — ${what}; not confirmed with a registry ${subject}`;
}

export function registerIdCommand(program: Command): void {
  const id = program
    .command('id')
    .description('registration identifiers (LEI, China USCC, EU VAT, D-U-N-S, UK company number, US EIN)')
    .exitOverride();

  const schemeHelp = IDENTIFIER_SCHEMES.map((s) => `${s}: ${IDENTIFIER_SCHEME_LABELS[s]}`).join('; ');
  id.command('validate')
    .description(
      'check the format and check digit of an identifier offline (no registry is consulted); ' +
        'exit 0 when valid, 1 when not, 2 on a usage error',
    )
    .addArgument(new Argument('<scheme>', `identifier scheme — ${schemeHelp}`).choices(IDENTIFIER_SCHEMES))
    .argument('<value>', 'the identifier as written (spaces, dots and dashes are ignored where usual)')
    .option('--json', 'print the result as JSON')
    .exitOverride()
    .action((scheme: IdentifierScheme, value: string, opts: { json?: boolean }) => {
      const result = validateIdentifier(scheme, value);
      const text = opts.json === true ? JSON.stringify(identifierJson(result)) : identifierLine(result);
      process.stdout.write(`${text}\n`);
      process.exitCode = result.valid ? EXIT_VALID : EXIT_INVALID;
    });
}
