// Enforcement of the permission table in domain/permissions.ts. Services call `authorize` before they read or
// write, so the HTTP routes and the CLI go through the same rules.
import { can, type Actor, type Permission } from '../../domain/permissions.js';
import { forbidden, unauthorized } from './errors.js';

export { PERMISSIONS, can, roleAtLeast, type Actor, type Permission } from '../../domain/permissions.js';

export function authorize(actor: Actor | null | undefined, permission: Permission): asserts actor is Actor {
  if (!actor) throw unauthorized();
  if (!can(actor, permission)) throw forbidden(`your role (${actor.role}) may not ${permission.replace('.', ' ')}`);
}
