// Commands main.ts loads on their own: `bonafide import …` loads the import command and what it imports, not the
// server, the PDF renderer or every other command (loading them all took most of a second before any work began).
// A command missing here still works — main.ts then loads the whole program (program.ts) — it only starts slower.
import type { Command } from 'commander';

type Register = (program: Command) => void;

export const LAZY_COMMANDS: Record<string, () => Promise<Register>> = {
  serve: async () => (await import('./commands/serve.js')).registerServeCommand,
  migrate: async () => (await import('./commands/migrate.js')).registerMigrateCommand,
  demo: async () => (await import('./commands/demo.js')).registerDemoCommand,
  user: async () => (await import('./commands/user.js')).registerUserCommand,
  id: async () => (await import('./commands/id.js')).registerIdCommand,
  import: async () => (await import('./commands/import.js')).registerImportCommand,
  aql: async () => (await import('./commands/aql.js')).registerAqlCommand,
  spc: async () => (await import('./commands/spc.js')).registerSpcCommand,
};
