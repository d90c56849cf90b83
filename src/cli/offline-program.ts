// The commands that must run anywhere, offline, in a folder with no database: they load only the domain code and
// node:crypto. main.ts builds this program instead of the full one for them, so neither the server, the database
// drivers nor any network module is loaded.
import { Command } from 'commander';
import { registerCredentialCommand } from './commands/credential.js';
import { registerDossierCommand } from './commands/dossier.js';
import { registerKpiCommand } from './commands/kpi.js';

export const OFFLINE_COMMANDS = ['dossier', 'credential', 'kpi'];

export function buildOfflineProgram(): Command {
  const program = new Command('bonafide').version('0.1.0').exitOverride();
  registerDossierCommand(program);
  registerCredentialCommand(program);
  registerKpiCommand(program);
  return program;
}
