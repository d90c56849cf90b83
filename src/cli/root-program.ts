import { Command } from 'commander';

/** The `bonafide` program before any command is registered on it (the full program and a single lazy command alike). */
export function rootProgram(): Command {
  return (
    new Command('bonafide')
      .description('Bonafide: evidence-based verification of cross-border supplier partnerships')
      .version('0.1.0')
      // Before any subcommand exists: commander copies this setting into subcommands when they are created, so
      // usage errors anywhere reach main.ts, which maps them to exit code 2.
      .exitOverride()
  );
}
