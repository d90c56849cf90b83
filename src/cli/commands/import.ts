// `bonafide import batches|production-logs <file> --supplier <id> [--engagement <id>] [--mapping <json|file>]
//  [--format csv|jsonl] [--decimal-comma] [--as <email>] [--database <url>] [--json]`
//
// --decimal-comma reads numbers written "32,012" (exports from European and many Asian systems, usually with ";"
// between the columns); without it such values are refused, since guessing the mark per value could misread
// "1,234" by a factor of a thousand.
//
// Imports a supplier's batch test records or production logs into one of its engagements through the same
// service as the API (src/services/imports.ts), acting as a member of the supplier organization. The file is
// hashed first (a file imported before is answered at once), then streamed with a progress bar on stderr.
// Exit codes: 0 imported (or already imported), 1 file rejected ("line N: reason" on stderr) or refused,
// 2 usage (unknown kind, missing file, no such supplier or engagement, bad mapping).
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { Argument, type Command } from 'commander';
import cliProgress from 'cli-progress';
import { listEngagementsFor } from '../../db/repositories/engagements.js';
import { findOrganization, listMembersOfOrganization } from '../../db/repositories/organizations.js';
import { findUserById } from '../../db/repositories/users.js';
import type { ImportKind } from '../../domain/quality/index.js';
import { openRuntime } from '../../runtime.js';
import { principalForCli } from '../../services/accounts.js';
import type { Actor } from '../../services/authz.js';
import type { ServiceContext } from '../../services/context.js';
import { isOpen } from '../../services/engagements.js';
import { AppError } from '../../services/errors.js';
import { ImportRejectedError, importQualityFile, parseMappingText, type ImportFormat } from '../../services/imports.js';
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

/** The acting member: --as, else the supplier's first owner, admin or member. */
async function actorFor(ctx: ServiceContext, supplierId: string, as: string | undefined): Promise<Actor> {
  const org = await findOrganization(ctx.handle.db, supplierId);
  if (!org || org.kind !== 'supplier') throw new UsageError(`--supplier: no supplier organization ${supplierId}`);
  if (as) {
    try {
      return await principalForCli(ctx, as.trim().toLowerCase(), supplierId);
    } catch {
      throw new UsageError(`--as: ${as} is not a member of ${org.name}`);
    }
  }
  const rank: Record<string, number> = { owner: 0, admin: 1, member: 2 };
  const members = (await listMembersOfOrganization(ctx.handle.db, supplierId)).filter((m) => m.role in rank).sort((a, b) => rank[a.role]! - rank[b.role]! || a.created_at.localeCompare(b.created_at));
  if (!members[0]) throw new UsageError(`${org.name} has no member who may import; name one with --as`);
  return principalForCli(ctx, members[0].email, supplierId);
}

async function engagementFor(ctx: ServiceContext, actor: Actor, id: string | undefined): Promise<{ id: string; title: string }> {
  const open = (await listEngagementsFor(ctx.handle.db, actor.organizationId, { role: 'supplier', limit: 200 })).filter((e) => isOpen(e.phase));
  if (id) {
    const e = open.find((x) => x.id === id);
    if (!e) throw new UsageError(`--engagement: no open engagement ${id} of this supplier`);
    return e;
  }
  if (open.length === 1) return open[0]!;
  if (open.length === 0) throw new UsageError('the supplier has no open engagement to import into');
  throw new UsageError(`the supplier has ${open.length} open engagements; choose one with --engagement:\n${open.map((e) => `  ${e.id}  ${e.title}`).join('\n')}`);
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
      .option('--mapping <json-or-file>', 'source column per field, e.g. {"lot":"Batch No","value":"Messwert"}')
      .option('--format <format>', 'csv or jsonl (default: from the file name, else sniffed)')
      .option('--decimal-comma', 'numbers use a decimal comma, e.g. 32,012 (no thousands separators); default: decimal point')
      .option('--as <email>', 'act as this member of the supplier (default: its first owner, admin or member)')
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
      const actor = await actorFor(ctx, opts.supplier, opts.as);
      const engagement = await engagementFor(ctx, actor, opts.engagement);
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
        const by = (await findUserById(ctx.handle.db, actor.userId))?.email ?? actor.userId;
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
