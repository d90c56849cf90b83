import type { Command } from 'commander';

export function addDatabaseOption(cmd: Command): Command {
  return cmd
    .option('--database <url>', 'database URL: sqlite:path or postgres://… (default: $DATABASE_URL or sqlite:data/bonafide.sqlite)')
    .option('--data-dir <dir>', 'where evidence files are stored (default: ./data)');
}
