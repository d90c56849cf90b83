import { z } from 'zod';
import { IdParams } from '../../contracts/common.js';
import {
  CloseDiscrepancyInput,
  DiscrepancyListQuery,
  DiscrepancyParams,
  DiscrepancyStepParams,
  DiscrepancySummaryView,
  DiscrepancyUpdateInput,
  DiscrepancyView,
  EngagementEventView,
  EscalationSettingsInput,
  EscalationSettingsView,
  MarkReadInput,
  NotificationList,
  NotificationListQuery,
  PartnershipHealthView,
  RaiseDiscrepancyInput,
  TargetOptionView,
  ReportQuery,
  StepUpdateInput,
} from '../../contracts/discrepancies.js';
import { closeDiscrepancy } from '../../services/discrepancies/closure.js';
import { discrepancyTargets, getDiscrepancy, listDiscrepancies, listEngagementDiscrepancies } from '../../services/discrepancies/queries.js';
import { raiseDiscrepancy } from '../../services/discrepancies/raise.js';
import { discrepancyReport } from '../../services/discrepancies/report.js';
import { postDiscrepancyUpdate, updateDiscrepancyStep } from '../../services/discrepancies/work.js';
import { partnershipHealth } from '../../services/escalation/health.js';
import { getEscalationSettings, listEngagementEventsOf, saveEscalationSettings } from '../../services/escalation/settings.js';
import { listMyNotifications, markMyNotificationsRead } from '../../services/notifications/inbox.js';
import { requireActor } from '../auth.js';
import type { RoutePlugin } from './types.js';

const tags = ['discrepancies'];

/**
 * Discrepancies (non-conformances) with 8D corrective action, an engagement's escalation ladder and cadence, its
 * events (escalations, missed updates, reminders), and each user's notifications.
 */
export const discrepancyRoutes: RoutePlugin = (app, ctx) => {
  app.post(
    '/api/v1/engagements/:id/discrepancies',
    {
      schema: {
        tags,
        summary: 'Raise a discrepancy against a delivery, lot inspection, batch record, claim, visit finding or sample test of the engagement (either side); the 8D steps get due dates from the policy by severity',
        params: IdParams,
        body: RaiseDiscrepancyInput,
        response: { 201: DiscrepancyView },
      },
    },
    async (req, reply) => reply.status(201).send(await raiseDiscrepancy(ctx, requireActor(req), req.params.id, req.body)),
  );
  app.get('/api/v1/engagements/:id/discrepancies', { schema: { tags, summary: 'Discrepancies of the engagement', params: IdParams, response: { 200: z.array(DiscrepancySummaryView) } } }, async (req) =>
    listEngagementDiscrepancies(ctx, requireActor(req), req.params.id),
  );
  app.get(
    '/api/v1/engagements/:id/discrepancy-targets',
    { schema: { tags, summary: 'Records of the engagement a discrepancy can be raised against (deliveries, lot inspections, sample tests, visit findings, batch records, claims), problems marked', params: IdParams, response: { 200: z.array(TargetOptionView) } } },
    async (req) => discrepancyTargets(ctx, requireActor(req), req.params.id),
  );
  app.get('/api/v1/discrepancies', { schema: { tags, summary: 'Discrepancies of every engagement the organization is a party to', querystring: DiscrepancyListQuery, response: { 200: z.array(DiscrepancySummaryView) } } }, async (req) =>
    listDiscrepancies(ctx, requireActor(req), req.query),
  );
  app.get(
    '/api/v1/discrepancies/:id',
    { schema: { tags, summary: 'One discrepancy: its 8D steps (owner, dueAt, doneAt, overdue), escalationLevel derived now, cadence, closure and history', params: DiscrepancyParams, response: { 200: DiscrepancyView } } },
    async (req) => getDiscrepancy(ctx, requireActor(req), req.params.id),
  );
  app.post(
    '/api/v1/discrepancies/:id/steps/:step',
    {
      schema: {
        tags,
        summary: 'Work one 8D step: owner, notes, step fields (D1 team, D4 root cause and escape point), files, done (in order); due dates are moved by the raising side; with D8 the verification of effectiveness asks for closure',
        params: DiscrepancyStepParams,
        body: StepUpdateInput,
        response: { 200: DiscrepancyView },
      },
    },
    async (req) => updateDiscrepancyStep(ctx, requireActor(req), req.params.id, req.params.step, req.body),
  );
  app.post(
    '/api/v1/discrepancies/:id/updates',
    { schema: { tags, summary: 'Post a progress update on the discrepancy (keeps the agreed cadence)', params: DiscrepancyParams, body: DiscrepancyUpdateInput, response: { 200: DiscrepancyView } } },
    async (req) => postDiscrepancyUpdate(ctx, requireActor(req), req.params.id, req.body),
  );
  app.post(
    '/api/v1/discrepancies/:id/close',
    {
      schema: {
        tags,
        summary: 'Close with a verification of effectiveness and its evidence; only the side that raised the discrepancy accepts the closure',
        params: DiscrepancyParams,
        body: CloseDiscrepancyInput,
        response: { 200: DiscrepancyView },
      },
    },
    async (req) => closeDiscrepancy(ctx, requireActor(req), req.params.id, req.body),
  );
  app.get(
    '/api/v1/discrepancies/:id/report.pdf',
    { schema: { tags, summary: 'The 8D report as a PDF (lang=en or zh), times in your time zone', params: DiscrepancyParams, querystring: ReportQuery } },
    async (req, reply) => {
      const r = await discrepancyReport(ctx, requireActor(req), req.params.id, req.query.lang);
      reply.header('content-type', 'application/pdf');
      reply.header('content-disposition', `attachment; filename="${r.filename}"`);
      reply.header('cache-control', 'private, no-store');
      return reply.send(r.bytes);
    },
  );

  // --- escalation ladder, cadence, events -------------------------------------------------------------------
  app.get(
    '/api/v1/engagements/:id/escalation',
    { schema: { tags, summary: 'The escalation ladder (contacts per level on both sides) and the agreed progress-update cadence', params: IdParams, response: { 200: EscalationSettingsView } } },
    async (req) => getEscalationSettings(ctx, requireActor(req), req.params.id),
  );
  app.put(
    '/api/v1/engagements/:id/escalation',
    { schema: { tags, summary: 'Name your side’s contacts per level (replaces them) and/or record the agreed cadence', params: IdParams, body: EscalationSettingsInput, response: { 200: EscalationSettingsView } } },
    async (req) => saveEscalationSettings(ctx, requireActor(req), req.params.id, req.body),
  );
  app.get(
    '/api/v1/engagements/:id/events',
    { schema: { tags, summary: 'The engagement’s events beside its gate decisions: escalations, missed progress updates, reminders, ladder and cadence changes', params: IdParams, response: { 200: z.array(EngagementEventView) } } },
    async (req) => listEngagementEventsOf(ctx, requireActor(req), req.params.id),
  );

  app.get(
    '/api/v1/partnership-health',
    { schema: { tags, summary: 'Per open engagement: the trend of formal and behavioural evidence, open discrepancies, and what is due next', response: { 200: z.array(PartnershipHealthView) } } },
    async (req) => partnershipHealth(ctx, requireActor(req)),
  );

  // --- notifications ------------------------------------------------------------------------------------------
  app.get(
    '/api/v1/notifications',
    { schema: { tags: ['notifications'], summary: 'Your notifications in the current organization, newest first, with the unread count', querystring: NotificationListQuery, response: { 200: NotificationList } } },
    async (req) => listMyNotifications(ctx, requireActor(req), req.query),
  );
  app.post(
    '/api/v1/notifications/read',
    { schema: { tags: ['notifications'], summary: 'Mark notifications read ({ids} or {all: true})', body: MarkReadInput, response: { 200: z.object({ marked: z.int(), unread: z.int() }) } } },
    async (req) => markMyNotificationsRead(ctx, requireActor(req), req.body),
  );
};
