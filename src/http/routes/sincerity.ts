import { z } from 'zod';
import {
  BuyerParams,
  BuyerSincerityView,
  DisclosedSincerityView,
  DisclosureInput,
  JudgementInput,
  JudgementParams,
  SincerityWeightsInput,
  SincerityWeightsView,
} from '../../contracts/suppliers.js';
import {
  clearJudgement,
  getBuyerSincerity,
  getSincerityWeights,
  judgeSignal,
  listBuyerSincerity,
  listDisclosedSincerity,
  setSincerityDisclosure,
  updateSincerityWeights,
} from '../../services/suppliers/sincerity.js';
import { requireActor } from '../auth.js';
import type { RoutePlugin } from './types.js';

const tags = ['sincerity'];

export const sincerityRoutes: RoutePlugin = (app, ctx) => {
  app.get(
    '/api/v1/buyers/sincerity',
    {
      schema: {
        tags,
        summary: "The supplier's buyers ranked by sincerity, each signal with its value and the records behind it (supplier only; never shown to the buyer unless disclosed)",
        response: { 200: z.array(BuyerSincerityView) },
      },
    },
    async (req) => listBuyerSincerity(ctx, requireActor(req)),
  );
  app.get('/api/v1/buyers/sincerity/weights', { schema: { tags, summary: 'The weights of the sincerity signals', response: { 200: SincerityWeightsView } } }, async (req) =>
    getSincerityWeights(ctx, requireActor(req)),
  );
  app.put(
    '/api/v1/buyers/sincerity/weights',
    { schema: { tags, summary: 'Set the weights of the sincerity signals (admins)', body: SincerityWeightsInput, response: { 200: SincerityWeightsView } } },
    async (req) => updateSincerityWeights(ctx, requireActor(req), req.body.weights),
  );
  app.get('/api/v1/buyers/:organizationId/sincerity', { schema: { tags, summary: 'One buyer’s sincerity assessment', params: BuyerParams, response: { 200: BuyerSincerityView } } }, async (req) =>
    getBuyerSincerity(ctx, requireActor(req), req.params.organizationId),
  );
  app.put(
    '/api/v1/buyers/:organizationId/sincerity/judgements/:key',
    { schema: { tags, summary: 'Your own judgement of one signal (a value 0–100 with a note); it replaces the derived value in the score', params: JudgementParams, body: JudgementInput, response: { 200: BuyerSincerityView } } },
    async (req) => judgeSignal(ctx, requireActor(req), req.params.organizationId, req.params.key, req.body),
  );
  app.delete(
    '/api/v1/buyers/:organizationId/sincerity/judgements/:key',
    { schema: { tags, summary: 'Remove your judgement of a signal (the derived value counts again)', params: JudgementParams, response: { 200: BuyerSincerityView } } },
    async (req) => clearJudgement(ctx, requireActor(req), req.params.organizationId, req.params.key),
  );
  app.put(
    '/api/v1/buyers/:organizationId/sincerity/disclosure',
    { schema: { tags, summary: 'Share the assessment with the buyer it is about, or take it back', params: BuyerParams, body: DisclosureInput, response: { 200: BuyerSincerityView } } },
    async (req) => setSincerityDisclosure(ctx, requireActor(req), req.params.organizationId, req.body.shared),
  );
  app.get(
    '/api/v1/sincerity/disclosed',
    { schema: { tags, summary: 'Assessments of your organization that suppliers chose to share with you', response: { 200: z.array(DisclosedSincerityView) } } },
    async (req) => listDisclosedSincerity(ctx, requireActor(req)),
  );
};
