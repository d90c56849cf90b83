import type { Command } from 'commander';
import { z } from 'zod';
import { NewOrganizationInput, Password } from '../../contracts/accounts.js';
import { Email, Id, Role } from '../../contracts/common.js';
import { createUserFromCli } from '../../services/accounts/accounts.js';
import { openRuntime } from '../../runtime.js';
import { addDatabaseOption } from './database-option.js';

const CreateUserOptions = z.object({
  email: Email,
  password: Password,
  name: z.string().trim().min(1).max(120),
  organizationId: Id.optional(),
  role: Role.optional(),
  orgName: z.string().optional(),
  orgKind: z.string().optional(),
  orgCountry: z.string().optional(),
});

export function registerUserCommand(program: Command) {
  const user = program.command('user').description('manage user accounts');
  addDatabaseOption(
    user
      .command('create')
      .description('create a user, either with a new organization (--org-name, --org-kind, --org-country) or in an existing one (--organization-id, --role)')
      .requiredOption('--email <email>', 'login email')
      .requiredOption('--password <password>', 'at least 10 characters')
      .requiredOption('--name <displayName>', 'display name')
      .option('--organization-id <id>', 'add to this existing organization')
      .option('--role <role>', 'role in the existing organization: owner, admin, member, viewer', 'member')
      .option('--org-name <name>', 'name of a new organization')
      .option('--org-kind <kind>', 'buyer, supplier or auditor')
      .option('--org-country <code>', 'ISO 3166-1 alpha-2 country code')
      .option('--json', 'print the result as JSON'),
  ).action(async (raw: Record<string, string | boolean | undefined>) => {
    const parsed = CreateUserOptions.safeParse(raw);
    let organization: z.infer<typeof NewOrganizationInput> | undefined;
    const errors: string[] = parsed.success ? [] : parsed.error.issues.map((i) => `--${String(i.path[0]).replace(/[A-Z]/g, (c) => '-' + c.toLowerCase())}: ${i.message}`);
    if (parsed.success && !parsed.data.organizationId) {
      const org = NewOrganizationInput.safeParse({ name: raw.orgName, kind: raw.orgKind, country: raw.orgCountry });
      if (org.success) organization = org.data;
      else errors.push(...org.error.issues.map((i) => `--org-${String(i.path[0])}: ${i.message}`));
    }
    if (errors.length || !parsed.success) {
      for (const e of errors) process.stderr.write(`error: ${e}\n`);
      process.exitCode = 2;
      return;
    }
    const ctx = await openRuntime({ databaseUrl: raw.database as string | undefined, dataDir: raw.dataDir as string | undefined });
    try {
      const r = await createUserFromCli(ctx, {
        email: parsed.data.email,
        password: parsed.data.password,
        displayName: parsed.data.name,
        organizationId: parsed.data.organizationId,
        role: parsed.data.role,
        organization,
      });
      if (raw.json) process.stdout.write(JSON.stringify(r) + '\n');
      else process.stdout.write(`created ${r.user.email} (${r.user.id}) in organization ${r.organizationId}\n`);
    } finally {
      await ctx.close();
    }
  });
}
