import type { Command } from 'commander';
import { rootProgram } from './root-program.js';
import { registerDemoCommand } from './commands/demo.js';
import { registerMigrateCommand } from './commands/migrate.js';
import { registerServeCommand } from './commands/serve.js';
import { registerUserCommand } from './commands/user.js';
import { registerAqlCommand } from './commands/aql.js';
import { registerIdCommand } from './commands/id.js';
import { registerImportCommand } from './commands/import.js';
import { registerSpcCommand } from './commands/spc.js';
import { optionalCommands } from './optional-commands.js';
import { registerCredentialCommand } from './commands/credential.js';
import { registerDossierCommand } from './commands/dossier.js';
import { registerKpiCommand } from './commands/kpi.js';

export function buildProgram(): Command {
  const program = rootProgram();
  registerServeCommand(program);
  registerMigrateCommand(program);
  registerDemoCommand(program);
  registerUserCommand(program);
  registerIdCommand(program);
  registerImportCommand(program);
  registerAqlCommand(program);
  registerSpcCommand(program);
  registerKpiCommand(program);
  registerDossierCommand(program);
  registerCredentialCommand(program);
  for (const register of optionalCommands) register(program);
  return program;
}
