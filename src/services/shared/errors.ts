// Errors a use case can raise. The HTTP layer maps them to status codes, the CLI to exit codes.

export interface FieldIssue {
  path: string;
  message: string;
  /** Machine-readable kind (e.g. too_small, invalid_type, unknown_field), so clients can translate the message. */
  code?: string;
  /** What the message says in numbers and names (e.g. {minimum: 1}, {field: 'validFrom'}), for clients to word it. */
  params?: Record<string, string | number | boolean | null>;
}

export type TextParams = Record<string, string | number | boolean | null>;

export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly issues?: FieldIssue[],
    /** A finer reason than the code (e.g. conflict → engagement_closed) with its parameters, for clients to word. */
    readonly because?: { code: string; params?: TextParams },
  ) {
    super(message);
  }
}

export const notFound = (what = 'resource') => new AppError(404, 'not_found', `${what} not found`);
export const forbidden = (message = 'you may not do this') => new AppError(403, 'forbidden', message);
export const unauthorized = (message = 'authentication required') => new AppError(401, 'unauthorized', message);
export const conflict = (message: string, issues?: FieldIssue[]) => new AppError(409, 'conflict', message, issues);
export const invalid = (message: string, issues: FieldIssue[]) => new AppError(400, 'validation_failed', message, issues);
export const invalidField = (path: string, message: string, code?: string, params?: TextParams) => invalid(message, [{ path, message, ...(code ? { code } : {}), ...(params ? { params } : {}) }]);
/** A conflict with a reason code and parameters, so the web words it in the reader's language. */
export const conflictBecause = (reason: string, params: TextParams, message: string, issues?: FieldIssue[]) => new AppError(409, 'conflict', message, issues, { code: reason, params });
