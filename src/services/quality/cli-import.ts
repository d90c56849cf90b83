// Who imports from the command line (`bonafide import`), and into which engagement. The command names the acting
// member with --as; without it the import is refused rather than attributed to someone picked for them (the audit
// log would name a person who did nothing). The actor acts `via: 'cli'`, which the audit log records.
import { listEngagementsFor } from '../../db/repositories/engagements.js';
import { findOrganization } from '../../db/repositories/organizations.js';
import { principalForCli } from '../accounts/accounts.js';
import { isOpen } from '../engagements/access.js';
import type { Actor } from '../shared/authz.js';
import type { ServiceContext } from '../shared/context.js';
import { AppError } from '../shared/errors.js';

/** A choice on the command line that names nothing usable: the command's usage error (exit 2), naming the option. */
export class CliTargetError extends AppError {
  constructor(
    readonly option: '--as' | '--supplier' | '--engagement',
    message: string,
  ) {
    super(400, 'invalid_option', message, [{ path: option, message }]);
  }
}

export interface CliImportTarget {
  actor: Actor;
  /** The acting member's email, as given with --as. */
  actorEmail: string;
  engagement: { id: string; title: string };
}

export async function cliImportTarget(
  ctx: ServiceContext,
  opts: { supplierId: string; as: string | undefined; engagementId: string | undefined },
): Promise<CliImportTarget> {
  const org = await findOrganization(ctx.handle.db, opts.supplierId);
  if (!org || org.kind !== 'supplier') throw new CliTargetError('--supplier', `--supplier: no supplier organization ${opts.supplierId}`);
  const email = opts.as?.trim().toLowerCase();
  if (!email) throw new CliTargetError('--as', `--as <email> is required: name the member of ${org.name} who imports (the audit log records them)`);
  let actor: Actor;
  try {
    actor = await principalForCli(ctx, email, org.id);
  } catch {
    throw new CliTargetError('--as', `--as: ${opts.as} is not a member of ${org.name}`);
  }
  const open = (await listEngagementsFor(ctx.handle.db, actor.organizationId, { role: 'supplier', limit: 200 })).filter((e) => isOpen(e.phase));
  let engagement: { id: string; title: string };
  if (opts.engagementId) {
    const e = open.find((x) => x.id === opts.engagementId);
    if (!e) throw new CliTargetError('--engagement', `--engagement: no open engagement ${opts.engagementId} of this supplier`);
    engagement = e;
  } else if (open.length === 1) engagement = open[0]!;
  else if (open.length === 0) throw new CliTargetError('--engagement', 'the supplier has no open engagement to import into');
  else throw new CliTargetError('--engagement', `the supplier has ${open.length} open engagements; choose one with --engagement:\n${open.map((e) => `  ${e.id}  ${e.title}`).join('\n')}`);
  return { actor, actorEmail: email, engagement: { id: engagement.id, title: engagement.title } };
}
