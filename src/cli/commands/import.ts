// `bonafide import batches|production-logs <file> --supplier <id> [--engagement <id>] [--mapping <json|file>]
//  [--format csv|jsonl] [--decimal-comma] --as <email> [--database <url>] [--json]`
//
// --decimal-comma reads numbers written "32,012" (exports from European and many Asian systems, usually with ";"
// between the columns); without it such values are refused, since guessing the mark per value could misread
// "1,234" by a factor of a thousand.
//
// Imports a supplier's batch test records or production logs into one of its engagements through the same
// service as the API (src/services/quality/imports.ts), acting as the member of the supplier organization named
// with --as (required: the audit log records who imported, and that it came from the CLI); who and where are
// resolved by src/services/quality/cli-import.ts. The file is hashed first (a file imported before is answered at
// once), then streamed with a progress bar on stderr.
// Exit codes: 0 imported (or already imported), 1 file rejected ("line N: reason" on stderr) or refused,
// 2 usage (unknown kind, missing file, --as missing or not a member, no such supplier or engagement, bad mapping).
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { Argument, type Command } from 'commander';
import cliProgress from 'cli-progress';
import type { ImportKind } from '../../domain/quality/index.js';
import { openRuntime } from '../../runtime.js';
import type { ServiceContext } from '../../services/shared/context.js';
import { AppError } from '../../services/shared/errors.js';
import { CliTargetError, cliImportTarget } from '../../services/quality/cli-import.js';
import { ImportRejectedError, importQualityFile, parseMappingText, type ImportFormat } from '../../services/quality/imports.js';
import { addDatabaseOption } from './database-option.js';

export const EXIT_REJECTED = 1;
export const EXIT_USAGE = 2;

interface ImportCliOptions {
  supplier: string;
  engagement?: string;
  mapping?: string;
  format?: string;
  decimalComma?: boolean;
  as?: string;
  database?: string;
  dataDir?: string;
  json?: boolean;
  progress?: boolean;
}

class UsageError extends Error {}

function mappingText(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (value.trim().startsWith('{')) return value;
  if (!existsSync(value)) throw new UsageError(`--mapping: neither JSON nor a file: ${value}`);
  return readFileSync(value, 'utf8');
}

async function sha256Of(file: string): Promise<string> {
  const h = createHash('sha256');
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 })) h.update(chunk as Buffer);
  return h.digest('hex');
}

function mb(n: number): string {
  return (n / 1024 / 1024).toFixed(1);
}

export function registerImportCommand(program: Command): void {
  addDatabaseOption(
    program
      .command('import')
      .description("import a supplier's batch test records or production logs (CSV or JSON Lines) into an engagement")
      .addArgument(new Argument('<kind>', 'what the file holds').choices(['batches', 'production-logs']))
      .argument('<file>', 'CSV with a header line, or JSON Lines (.jsonl/.ndjson)')
      .requiredOption('--supplier <id>', 'the supplier organization whose data this is')
      .option('--engagement <id>', 'the engagement to share it into (default: the supplier’s only open engagement)')
      .option('--mapping <json-or-file>', 'source column per field, e.g. {"lot":"Batch No","value":"Messwert"}; a wide batch file (one column per characteristic) maps each as {"characteristic:bore_diameter":"Bore D1"}')
      .option('--format <format>', 'csv or jsonl (default: from the file name, else sniffed)')
      .option('--decimal-comma', 'numbers use a decimal comma, e.g. 32,012 (no thousands separators); default: decimal point')
      .option('--as <email>', 'act as this member of the supplier (required; the audit log records it)')
      .option('--no-progress', 'no progress bar')
      .option('--json', 'print the import as JSON'),
  ).action(async (kindArg: string, file: string, opts: ImportCliOptions) => {
    const kind: ImportKind = kindArg === 'batches' ? 'batches' : 'production_logs';
    let ctx: (ServiceContext & { close(): Promise<void> }) | null = null;
    let bar: cliProgress.SingleBar | null = null;
    try {
      if (!existsSync(file) || !statSync(file).isFile()) throw new UsageError(`no such file: ${file}`);
      if (opts.format !== undefined && opts.format !== 'csv' && opts.format !== 'jsonl') throw new UsageError('--format: csv or jsonl');
      let mapping;
      try {
        mapping = parseMappingText(kind, mappingText(opts.mapping));
      } catch (err) {
        if (err instanceof AppError) throw new UsageError(`--mapping: ${err.issues?.[0]?.path ?? ''} ${err.message}`.trim());
        throw err;
      }
      ctx = await openRuntime({ databaseUrl: opts.database, dataDir: opts.dataDir });
      let target;
      try {
        target = await cliImportTarget(ctx, { supplierId: opts.supplier, as: opts.as, engagementId: opts.engagement });
      } catch (err) {
        if (err instanceof CliTargetError) throw new UsageError(err.message);
        throw err;
      }
      const { actor, engagement } = target;
      const size = statSync(file).size;
      const knownSha256 = await sha256Of(file);
      if (opts.progress !== false) {
        bar = new cliProgress.SingleBar(
          {
            stream: process.stderr,
            format: 'importing {bar} {percentage}% | {rows} rows | {done}/{total_mb} MB | eta {eta_formatted}',
            hideCursor: true,
            noTTYOutput: true,
            notTTYSchedule: 5000,
            etaBuffer: 50,
          },
          cliProgress.Presets.shades_classic,
        );
        bar.start(size, 0, { rows: 0, done: '0.0', total_mb: mb(size) });
      }
      const view = await importQualityFile(ctx, actor, engagement.id, kind, createReadStream(file, { highWaterMark: 1 << 20 }), {
        format: opts.format as ImportFormat | undefined,
        mapping,
        filename: basename(file),
        knownSha256,
        decimalSeparator: opts.decimalComma ? ',' : '.',
        onProgress: (p) => bar?.update(p.bytes, { rows: p.rows.toLocaleString('en-US'), done: mb(p.bytes) }),
      });
      if (bar) {
        bar.update(size, { rows: view.rows.toLocaleString('en-US'), done: mb(size) });
        bar.stop();
        bar = null;
      }
      if (opts.json) process.stdout.write(JSON.stringify(view) + '\n');
      else if (view.duplicate) {
        process.stdout.write(`already imported on ${view.completedAt ?? view.createdAt} as import ${view.id} (${view.rows} rows): nothing added\n`);
      } else {
        const by = target.actorEmail;
        const what = kind === 'batches' ? `${view.summary.lots as number} lots` : `${(view.summary.lines as string[]).length} lines`;
        process.stdout.write(`imported ${view.rows.toLocaleString('en-US')} rows (${what}) from ${basename(file)} into "${engagement.title}" as ${by}: import ${view.id}\n`);
      }
      process.exitCode = 0;
    } catch (err) {
      bar?.stop();
      if (err instanceof UsageError) {
        process.stderr.write(`error: ${err.message}\n`);
        process.exitCode = EXIT_USAGE;
      } else if (err instanceof ImportRejectedError) {
        process.stderr.write(`line ${err.line}: ${err.reason}\nnothing was imported\n`);
        // The reason names the API's option; here it is a flag.
        if (err.suggestedDecimalSeparator === ',') process.stderr.write('to read decimal commas, add --decimal-comma\n');
        else if (err.suggestedDecimalSeparator === '.') process.stderr.write('to read decimal points, leave out --decimal-comma\n');
        process.exitCode = EXIT_REJECTED;
      } else if (err instanceof AppError && err.status < 500) {
        process.stderr.write(`error: ${err.message}\n`);
        for (const i of err.issues ?? []) process.stderr.write(`  ${i.path}: ${i.message}\n`);
        process.exitCode = EXIT_REJECTED;
      } else throw err;
    } finally {
      await ctx?.close();
    }
  });
}
