import { z } from 'zod';
import { AuditEntryView, AuditQuery } from '../../contracts/accounts.js';
import { listAuditLog } from '../../services/shared/audit.js';
import { requireActor } from '../auth.js';
import type { RoutePlugin } from './types.js';

export const auditRoutes: RoutePlugin = (app, ctx) => {
  app.get(
    '/api/v1/audit-log',
    { schema: { tags: ['audit'], summary: "The organization's append-only audit log, newest first (admins)", querystring: AuditQuery, response: { 200: z.array(AuditEntryView) } } },
    async (req) => listAuditLog(ctx, requireActor(req), req.query),
  );
};
