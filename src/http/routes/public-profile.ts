import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { PublicProfileInput, PublicProfileSettingsView, PublicSupplierProfile } from '../../contracts/suppliers.js';
import {
  facilityRecordsBySlug,
  getPublicProfileSettings,
  previewPublicProfile,
  publicProfileBySlug,
  savePublicProfileSettings,
} from '../../services/suppliers/public-profile.js';
import { AppError } from '../../services/shared/errors.js';
import { renderNotFoundPage, renderSupplierPage } from '../public/supplier-page.js';
import type { PageLanguage } from '../public/supplier-page-text.js';
import { requireActor } from '../auth.js';
import type { RoutePlugin } from './types.js';

const tags = ['public profile'];
const SlugParams = z.strictObject({ slug: z.string().min(1).max(80) });
const PageQuery = z.looseObject({ lang: z.enum(['en', 'zh-CN']).optional() });

/** Where the server is reached from the caller's side, for the absolute links of the JSON and the DFR. */
function baseUrl(req: FastifyRequest): string {
  return `${req.protocol}://${req.host}`;
}

function pageLanguage(req: FastifyRequest, asked?: string): PageLanguage {
  if (asked === 'en' || asked === 'zh-CN') return asked;
  return /^\s*zh\b/i.test(String(req.headers['accept-language'] ?? '')) ? 'zh-CN' : 'en';
}

export const publicProfileRoutes: RoutePlugin = (app, ctx) => {
  app.get('/api/v1/public-profile', { schema: { tags, summary: 'Your public profile: its address, whether it is published, and what is on it', response: { 200: PublicProfileSettingsView } } }, async (req) =>
    getPublicProfileSettings(ctx, requireActor(req)),
  );
  app.put(
    '/api/v1/public-profile',
    { schema: { tags, summary: 'Choose the claims, evidence and sites that are public, the address, and publish or take down (admins)', body: PublicProfileInput, response: { 200: PublicProfileSettingsView } } },
    async (req) => savePublicProfileSettings(ctx, requireActor(req), req.body),
  );
  app.get('/api/v1/public-profile/preview', { schema: { tags, summary: 'What the public would see with your saved choices', response: { 200: PublicSupplierProfile } } }, async (req) =>
    previewPublicProfile(ctx, requireActor(req), baseUrl(req)),
  );

  // Readable without an account. `/{slug}.json` is the machine-readable form of `/{slug}`.
  app.get('/public/suppliers/:slug', { schema: { tags, summary: 'A published supplier profile: HTML, or JSON at {slug}.json (no account needed)', params: SlugParams, querystring: PageQuery } }, async (req, reply) => {
    const raw = req.params.slug;
    if (raw.endsWith('.json')) {
      const profile = await publicProfileBySlug(ctx, raw.slice(0, -5), baseUrl(req));
      reply.header('cache-control', 'no-cache');
      return reply.type('application/json; charset=utf-8').send(PublicSupplierProfile.parse(profile));
    }
    const lang = pageLanguage(req, req.query.lang);
    reply.header('cache-control', 'no-cache');
    reply.header('content-language', lang);
    try {
      const profile = await publicProfileBySlug(ctx, raw, baseUrl(req));
      return reply.type('text/html; charset=utf-8').send(renderSupplierPage(profile, lang));
    } catch (err) {
      if (err instanceof AppError && err.status === 404) return reply.status(404).type('text/html; charset=utf-8').send(renderNotFoundPage(lang));
      throw err;
    }
  });
  app.get(
    '/public/suppliers/:slug/facilities.json',
    { schema: { tags, summary: 'UNTP Digital Facility Records of the published sites (no account needed)', params: SlugParams } },
    async (req, reply) => {
      const records = await facilityRecordsBySlug(ctx, req.params.slug, baseUrl(req));
      reply.header('cache-control', 'no-cache');
      return reply.type('application/json; charset=utf-8').send(records);
    },
  );
};
