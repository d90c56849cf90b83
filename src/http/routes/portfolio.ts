import * as clock from '../../clock.js';
import { ErrorBody } from '../../contracts/common.js';
import { PortfolioQuery, PortfolioView } from '../../contracts/portfolio.js';
import { WaitingView } from '../../contracts/waiting.js';
import { getPortfolio, portfolioCsv } from '../../services/portfolio/portfolio.js';
import { getWaiting } from '../../services/portfolio/waiting.js';
import { requireActor } from '../auth.js';
import type { RoutePlugin } from './types.js';

const tags = ['portfolio'];

export const portfolioRoutes: RoutePlugin = (app, ctx) => {
  app.get(
    '/api/v1/portfolio',
    {
      schema: {
        tags,
        summary:
          'The home page: for a buyer, engagements by phase, pilots at risk, evidence expiring within 60 days, contradicted claims and overdue items; for a supplier, its buyers with what each waits for and its obligations. Filters: country, category, owner. Each panel is read with a fixed number of queries, whatever the number of engagements',
        querystring: PortfolioQuery,
        response: { 200: PortfolioView, 403: ErrorBody },
      },
    },
    async (req) => getPortfolio(ctx, requireActor(req), req.query),
  );
  app.get(
    '/api/v1/waiting',
    {
      schema: {
        tags,
        summary:
          'What waits for the caller’s organization, with counts per engagement: requests to answer (engagements opened by a buyer, invitations to verify), visits to confirm (or dates proposed back), technical inquiries unanswered, evidence asked for. Shown in the navigation and on the home page',
        response: { 200: WaitingView },
      },
    },
    async (req) => getWaiting(ctx, requireActor(req)),
  );
  app.get(
    '/api/v1/portfolio/engagements.csv',
    { schema: { tags, summary: 'The filtered engagements as CSV, one line each with the panels’ numbers (UTF-8, comma-separated)', querystring: PortfolioQuery, produces: ['text/csv'] } },
    async (req, reply) => {
      const csv = await portfolioCsv(ctx, requireActor(req), req.query);
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="portfolio-${clock.nowIso().slice(0, 10)}.csv"`)
        .send(`\uFEFF${csv}`);
    },
  );
};
