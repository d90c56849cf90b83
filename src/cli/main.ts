#!/usr/bin/env node
import { CommanderError } from 'commander';
import { LAZY_COMMANDS } from './lazy-commands.js';
import { OFFLINE_COMMANDS, buildOfflineProgram } from './offline-program.js';
import { rootProgram } from './root-program.js';

// Output piped into `head` and the like: when the reader goes away, stop quietly (what Unix tools do), not with a
// stack trace from the unhandled stream error.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(0);
  throw err;
});

// Offline commands (dossier/credential verify) must not load the server or database modules; the other commands
// load only their own module (lazy-commands.ts); the full program is imported for --help and the rest.
const command = process.argv[2] ?? '';
const program = OFFLINE_COMMANDS.includes(command)
  ? buildOfflineProgram()
  : Object.hasOwn(LAZY_COMMANDS, command)
    ? await singleCommandProgram(command)
    : (await import('./program.js')).buildProgram();

async function singleCommandProgram(name: string) {
  const p = rootProgram();
  (await LAZY_COMMANDS[name]!())(p);
  return p;
}
try {
  await program.parseAsync(process.argv);
} catch (err) {
  if (err instanceof CommanderError) {
    // --help and --version are not failures; every other commander error is a usage error (exit 2).
    process.exitCode = err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help' ? 0 : 2;
  } else {
    const e = err as Error & { status?: number; issues?: { path: string; message: string }[] };
    process.stderr.write(`error: ${e.message}\n`);
    for (const i of e.issues ?? []) process.stderr.write(`  ${i.path}: ${i.message}\n`);
    process.exitCode = e.status && e.status >= 400 && e.status < 500 ? 1 : 3;
  }
}
