import type { FastifyError } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { ZodError } from 'zod';
import { AppError, type ErrorKind } from '../../domain/errors.js';

/** One offending field: where it is (`body`, `params`, `querystring`, `headers`) and its JSON Pointer. */
export interface FieldError {
  location?: string;
  path: string;
  message: string;
}

/** RFC 9457 problem details, with our stable `code`. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  code: string;
  detail: string;
  instance?: string;
  errors?: FieldError[];
  [extension: string]: unknown;
}

const statusOfKind: Record<ErrorKind, number> = {
  invalid: 400,
  notFound: 404,
  conflict: 409,
  preconditionFailed: 412,
  unprocessable: 422,
  unavailable: 503,
};

const titles: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  409: 'Conflict',
  412: 'Precondition Failed',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

export const problemType = (code: string): string =>
  `urn:jobseeker-ledger:problem:${code.toLowerCase().replaceAll('_', '-')}`;

export const makeProblem = (status: number, code: string, detail: string, extra: Partial<Problem> = {}): Problem => ({
  type: problemType(code),
  title: titles[status] ?? 'Error',
  status,
  code,
  detail,
  ...extra,
});

const pointer = (path: ReadonlyArray<PropertyKey>): string =>
  `/${path.map((part) => String(part).replaceAll('~', '~0').replaceAll('/', '~1')).join('/')}`;

/** Fastify's own client errors, by code: status and our stable code. */
const fastifyErrors: Record<string, [number, string, string]> = {
  FST_ERR_CTP_BODY_TOO_LARGE: [413, 'BODY_TOO_LARGE', 'The request body is larger than allowed'],
  FST_ERR_CTP_INVALID_MEDIA_TYPE: [415, 'UNSUPPORTED_MEDIA_TYPE', 'This content type is not accepted here'],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: [400, 'INVALID_CONTENT_LENGTH', 'Content-Length does not match the body'],
  FST_ERR_CTP_EMPTY_JSON_BODY: [400, 'EMPTY_BODY', 'The JSON body is empty'],
  FST_ERR_CTP_INVALID_JSON_BODY: [400, 'MALFORMED_JSON', 'The body is not valid JSON'],
  FST_ERR_CTP_EMPTY_TYPE: [415, 'UNSUPPORTED_MEDIA_TYPE', 'A Content-Type header is required'],
  FST_ERR_CTP_INVALID_TYPE: [415, 'UNSUPPORTED_MEDIA_TYPE', 'The Content-Type header is invalid'],
  FST_ERR_BAD_URL: [400, 'BAD_URL', 'The URL is malformed'],
  FST_ERR_ASYNC_CONSTRAINT: [400, 'BAD_REQUEST', 'The request cannot be routed'],
};

/** Maps any thrown value to a problem; anything unknown is a 500 that reveals nothing. */
export const toProblem = (error: unknown): Problem => {
  if (error instanceof AppError) {
    const status = statusOfKind[error.kind];
    const { errors, ...details } = error.details as { errors?: FieldError[] };
    return makeProblem(status, error.code, error.message, { ...details, ...(errors ? { errors } : {}) });
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    const location = (error as { validationContext?: string }).validationContext;
    return makeProblem(400, 'VALIDATION_FAILED', 'The request does not match the schema', {
      errors: error.validation.map((issue) => ({
        ...(location ? { location } : {}),
        path: issue.instancePath || '/',
        message: issue.message ?? 'invalid',
      })),
    });
  }
  if (error instanceof ZodError)
    return makeProblem(400, 'VALIDATION_FAILED', 'The request does not match the schema', {
      errors: error.issues.map((issue) => ({ path: pointer(issue.path), message: issue.message })),
    });
  const fastifyError = error as Partial<FastifyError>;
  const known = fastifyError.code ? fastifyErrors[fastifyError.code] : undefined;
  if (known) return makeProblem(known[0], known[1], known[2]);
  if (fastifyError.validation)
    return makeProblem(400, 'VALIDATION_FAILED', fastifyError.message ?? 'invalid request', {
      errors: fastifyError.validation.map((issue) => ({
        path: issue.instancePath || '/',
        message: issue.message ?? '',
      })),
    });
  if (error instanceof SyntaxError) return makeProblem(400, 'MALFORMED_JSON', 'The body is not valid JSON');
  const status = fastifyError.statusCode;
  if (status !== undefined && status >= 400 && status < 500)
    return makeProblem(
      status,
      fastifyError.code ?? 'BAD_REQUEST',
      fastifyError.message ?? titles[status] ?? 'Bad request',
    );
  return makeProblem(500, 'INTERNAL_ERROR', 'The request failed; the error is logged with the request id');
};
