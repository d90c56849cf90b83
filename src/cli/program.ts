import { Command } from 'commander';
import { registerDemoCommand } from './commands/demo.js';
import { registerMigrateCommand } from './commands/migrate.js';
import { registerServeCommand } from './commands/serve.js';
import { registerUserCommand } from './commands/user.js';
import { registerAqlCommand } from './commands/aql.js';
import { registerIdCommand } from './commands/id.js';
import { registerImportCommand } from './commands/import.js';
import { registerSpcCommand } from './commands/spc.js';
import { optionalCommands } from './optional-commands.js';

export function buildProgram(): Command {
  const program = new Command('bonafide')
    .description('Bonafide: evidence-based verification of cross-border supplier partnerships')
    .version('0.1.0')
    // Before any subcommand exists: commander copies this setting into subcommands when they are created, so
    // usage errors anywhere reach main.ts, which maps them to exit code 2.
    .exitOverride();
  registerServeCommand(program);
  registerMigrateCommand(program);
  registerDemoCommand(program);
  registerUserCommand(program);
  registerIdCommand(program);
  registerImportCommand(program);
  registerAqlCommand(program);
  registerSpcCommand(program);
  for (const register of optionalCommands) register(program);
  return program;
}
