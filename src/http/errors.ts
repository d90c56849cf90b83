import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { AppError, type FieldIssue, type TextParams } from '../services/shared/errors.js';

function pathOf(instancePath: string, context?: string): string {
  const p = instancePath.replace(/^\//, '').split('/').filter(Boolean).join('.');
  if (context && context !== 'body') return p ? `${context}.${p}` : context;
  return p;
}

const WORDING_PARAMS = ['minimum', 'maximum', 'inclusive', 'origin', 'format', 'expected', 'divisor'] as const;

/**
 * The code and parameters of a schema issue, so clients word it in their language: Zod's own (too_small with
 * {minimum, origin}), or a refinement's (`params: {code: 'end_before_start', field: 'validFrom'}`).
 */
function issueCode(keyword: string, raw: Record<string, unknown> = {}): { code: string; params?: TextParams } {
  const custom = raw.params as Record<string, unknown> | undefined;
  if (keyword === 'custom' && custom && typeof custom.code === 'string') {
    const { code, ...rest } = custom;
    const params: TextParams = {};
    for (const [k, v] of Object.entries(rest)) if (v === null || ['string', 'number', 'boolean'].includes(typeof v)) params[k] = v as string | number | boolean | null;
    return { code, ...(Object.keys(params).length ? { params } : {}) };
  }
  const params: TextParams = {};
  for (const k of WORDING_PARAMS) {
    const v = raw[k];
    if (typeof v === 'bigint') params[k] = Number(v);
    else if (v !== undefined && (v === null || ['string', 'number', 'boolean'].includes(typeof v))) params[k] = v as string | number | boolean | null;
  }
  return { code: keyword, ...(Object.keys(params).length ? { params } : {}) };
}

/** One error shape for every failure: `{"error": {"code", "message", "issues"?}}`; client mistakes are 4xx. */
export function errorHandler(err: FastifyError, req: FastifyRequest, reply: FastifyReply) {
  if (err instanceof AppError) {
    return reply.status(err.status).send({ error: { code: err.code, message: err.message, ...(err.because ? { reason: err.because } : {}), ...(err.issues ? { issues: err.issues } : {}) } });
  }
  if (hasZodFastifySchemaValidationErrors(err)) {
    const context = (err as FastifyError & { validationContext?: string }).validationContext;
    const issues: FieldIssue[] = [];
    for (const v of err.validation) {
      const params = v.params as { keys?: string[] };
      if (v.keyword === 'unrecognized_keys' && params.keys) {
        for (const k of params.keys) issues.push({ path: pathOf(`${v.instancePath}/${k}`, context), message: 'unknown field', code: 'unknown_field' });
      } else {
        issues.push({ path: pathOf(v.instancePath, context), message: v.message ?? 'invalid', ...issueCode(v.keyword, v.params as Record<string, unknown>) });
      }
    }
    const fields = [...new Set(issues.map((i) => i.path || '(body)'))].join(', ');
    return reply.status(400).send({ error: { code: 'validation_failed', message: `invalid input: ${fields}`, issues } });
  }
  if (isResponseSerializationError(err as never)) {
    req.log.error({ err }, 'response did not match its schema');
    return reply.status(500).send({ error: { code: 'internal_error', message: 'internal error' } });
  }
  const status = err.statusCode ?? 500;
  if (status >= 400 && status < 500) {
    const code = err.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || err instanceof SyntaxError ? 'malformed_json' : (err.code ?? 'bad_request').toLowerCase().replace(/^fst_err_/, '');
    return reply.status(status).send({ error: { code, message: err.message } });
  }
  req.log.error({ err }, 'unhandled error');
  return reply.status(500).send({ error: { code: 'internal_error', message: 'internal error' } });
}

/**
 * Fastify's router refuses some requests before any hook or the error handler runs (a malformed percent-encoding,
 * a path parameter over maxParamLength). They get the same envelope and request id as every other answer; an
 * over-long id is a client mistake (400), not 414.
 */
export function frameworkErrorHandler(err: FastifyError, req: FastifyRequest, reply: FastifyReply) {
  reply.header('x-request-id', req.id);
  if (err.code === 'FST_ERR_MAX_PARAM_LENGTH') {
    return reply.status(400).send({ error: { code: 'param_too_long', message: 'a path parameter is longer than any identifier' } });
  }
  if (err.code === 'FST_ERR_BAD_URL') {
    return reply.status(400).send({ error: { code: 'bad_url', message: 'the URL contains an invalid percent-encoding' } });
  }
  req.log.error({ err }, 'router error');
  return reply.status(500).send({ error: { code: 'internal_error', message: 'internal error' } });
}
