import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { AppError, type FieldIssue } from '../services/errors.js';

function pathOf(instancePath: string, context?: string): string {
  const p = instancePath.replace(/^\//, '').split('/').filter(Boolean).join('.');
  if (context && context !== 'body') return p ? `${context}.${p}` : context;
  return p;
}

/** One error shape for every failure: `{"error": {"code", "message", "issues"?}}`; client mistakes are 4xx. */
export function errorHandler(err: FastifyError, req: FastifyRequest, reply: FastifyReply) {
  if (err instanceof AppError) {
    return reply.status(err.status).send({ error: { code: err.code, message: err.message, ...(err.issues ? { issues: err.issues } : {}) } });
  }
  if (hasZodFastifySchemaValidationErrors(err)) {
    const context = (err as FastifyError & { validationContext?: string }).validationContext;
    const issues: FieldIssue[] = [];
    for (const v of err.validation) {
      const params = v.params as { keys?: string[] };
      if (v.keyword === 'unrecognized_keys' && params.keys) {
        for (const k of params.keys) issues.push({ path: pathOf(`${v.instancePath}/${k}`, context), message: 'unknown field', code: 'unknown_field' });
      } else {
        issues.push({ path: pathOf(v.instancePath, context), message: v.message ?? 'invalid', code: v.keyword });
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
