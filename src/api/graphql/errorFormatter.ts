import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import type { MercuriusContext, MercuriusOptions } from 'mercurius';
import { AppError } from '../../domain/errors.js';
import { HttpAuthError } from '../auth/errors.js';

/** Mercurius and Fastify client errors by code: our stable code. */
const knownCodes: Readonly<Record<string, string>> = {
  MER_ERR_GQL_QUERY_DEPTH: 'QUERY_TOO_DEEP',
  MER_ERR_GQL_PERSISTED_QUERY_NOT_FOUND: 'PERSISTED_QUERY_NOT_FOUND',
  MER_ERR_GQL_PERSISTED_QUERY_NOT_SUPPORTED: 'PERSISTED_QUERY_NOT_SUPPORTED',
  MER_ERR_GQL_PERSISTED_QUERY_MISMATCH: 'PERSISTED_QUERY_MISMATCH',
  MER_ERR_GQL_CSRF_PREVENTION: 'CSRF_PREVENTION',
  MER_ERR_METHOD_NOT_ALLOWED: 'METHOD_NOT_ALLOWED',
  MER_ERR_GQL_VALIDATION: 'GRAPHQL_VALIDATION_FAILED',
  FST_ERR_CTP_BODY_TOO_LARGE: 'BODY_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_INVALID_JSON_BODY: 'MALFORMED_JSON',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'EMPTY_BODY',
};

interface Classified {
  error: GraphQLFormattedError;
  /** HTTP status this error alone would justify (4xx for client mistakes). */
  status: number;
}

export type Logger = { info(object: object, message: string): void; error(object: object, message: string): void };

const jsonSafe = (details: Readonly<Record<string, unknown>>): Record<string, unknown> =>
  JSON.parse(JSON.stringify(details, (_key, value) => (typeof value === 'bigint' ? value.toString() : value)));

const statusOf = (error: unknown): number | undefined => {
  const status = (error as { statusCode?: unknown } | null)?.statusCode;
  return typeof status === 'number' && status >= 400 && status < 500 ? status : undefined;
};

const codeOf = (error: unknown): string | undefined => {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
};

// By tag, not `instanceof`: under vitest mercurius (CommonJS) and this module (ESM) can see two copies of graphql.
const isGraphQLError = (value: unknown): value is GraphQLError =>
  Object.prototype.toString.call(value) === '[object GraphQLError]';

/** The AppError behind an error, through graphql's wrappers (variable coercion wraps twice). */
const appErrorIn = (error: unknown): AppError | undefined => {
  let current = error;
  for (let depth = 0; depth < 5 && current instanceof Error; depth++) {
    if (current instanceof AppError) return current;
    current = (current as { originalError?: unknown }).originalError;
  }
  return undefined;
};

const located = (error: GraphQLError, extensions: Record<string, unknown>, message = error.message) => ({
  message,
  ...(error.locations === undefined ? {} : { locations: error.locations }),
  ...(error.path === undefined ? {} : { path: error.path }),
  extensions,
});

/** An error found before execution (parse, validation, variables, depth, cost): always the caller's mistake. */
const requestError = (error: unknown): Classified => {
  if (isGraphQLError(error)) {
    const original = appErrorIn(error.originalError);
    if (original !== undefined)
      return { error: located(error, { ...jsonSafe(original.details), code: original.code }), status: 400 };
    const given = error.extensions.code;
    const code =
      typeof given === 'string'
        ? given
        : error.message.startsWith('Syntax Error')
          ? 'GRAPHQL_PARSE_FAILED'
          : 'GRAPHQL_VALIDATION_FAILED';
    return { error: located(error, { code }), status: 400 };
  }
  const code = knownCodes[codeOf(error) ?? ''] ?? 'GRAPHQL_VALIDATION_FAILED';
  const message = error instanceof Error ? error.message : 'Invalid request';
  return { error: { message, extensions: { code } }, status: 400 };
};

/** An error raised while resolving: our AppErrors keep their code; anything else reveals nothing. */
const executionError = (error: GraphQLError, log: Logger): Classified => {
  const original = error.originalError;
  if (original instanceof HttpAuthError)
    return { error: located(error, { code: original.code }), status: original.statusCode };
  if (original instanceof AppError) {
    const status = original.kind === 'unavailable' ? 503 : original.kind === 'notFound' ? 404 : 400;
    return { error: located(error, { ...jsonSafe(original.details), code: original.code }), status };
  }
  const given = error.extensions.code;
  if (original === undefined && typeof given === 'string')
    return { error: located(error, { code: given }), status: 400 };
  const known = knownCodes[codeOf(original) ?? ''];
  const status = statusOf(original);
  if (known !== undefined && status !== undefined)
    return { error: { message: error.message, extensions: { code: known } }, status };
  log.error({ err: original ?? error }, 'GraphQL request failed');
  return { error: located(error, { code: 'INTERNAL_ERROR' }, 'Internal error'), status: 500 };
};

const classify = (error: GraphQLError, log: Logger, executed: boolean): Classified[] => {
  const nested = (error.originalError as { errors?: unknown } | undefined)?.errors;
  if (Array.isArray(nested)) return nested.map(requestError);
  // graphql-js refuses missing or ill-typed variables before execution, with no original error
  if (!executed && error.originalError == null && error.extensions.code === undefined) return [requestError(error)];
  if (codeOf(error.originalError) === 'MER_ERR_GQL_QUERY_DEPTH') return [requestError(error.originalError)];
  return [executionError(error, log)];
};

/**
 * A refusal as a GraphQLError that carries its `extensions.code` itself, classified like `errorFormatter` does:
 * for the WebSocket transport, where mercurius sends an error thrown by a hook or a `subscribe` resolver as is
 * (graphql-js copies an original error's `extensions` when it wraps it).
 */
export const codedGraphqlError = (error: unknown, log: Logger): GraphQLError => {
  const graphqlError = isGraphQLError(error)
    ? error
    : new GraphQLError(error instanceof Error ? error.message : String(error), {
        ...(error instanceof Error ? { originalError: error } : {}),
      });
  const [first] = classify(graphqlError, log, false);
  const formatted = first?.error ?? { message: 'Internal error', extensions: { code: 'INTERNAL_ERROR' } };
  const internal = formatted.extensions?.code === 'INTERNAL_ERROR';
  return new GraphQLError(formatted.message, {
    ...(internal ? {} : { nodes: graphqlError.nodes, source: graphqlError.source, positions: graphqlError.positions }),
    ...(graphqlError.path === undefined ? {} : { path: graphqlError.path }),
    extensions: formatted.extensions ?? {},
  });
};

/**
 * Every GraphQL error carries `extensions.code`: the AppError's code, GRAPHQL_VALIDATION_FAILED /
 * GRAPHQL_PARSE_FAILED / QUERY_TOO_DEEP / QUERY_TOO_COSTLY for refused documents, INTERNAL_ERROR (message
 * 'Internal error', logged) for anything unexpected. Refused documents answer 400; execution errors 200 as
 * GraphQL over HTTP asks, so a client mistake never becomes a 500.
 */
export const errorFormatter: NonNullable<MercuriusOptions['errorFormatter']> = (execution, context) => {
  const ctx = context as MercuriusContext & { reply?: { log: Logger } };
  const log: Logger = ctx.reply?.log ?? (ctx.app.log as Logger);
  const executed = execution.data !== undefined;
  const classified = execution.errors.flatMap((error) =>
    classify(isGraphQLError(error) ? error : new GraphQLError(String(error), { originalError: error }), log, executed),
  );
  const statusCode = executed || classified.length === 0 ? 200 : Math.max(...classified.map((c) => c.status));
  for (const { error } of classified)
    if (error.extensions?.code !== 'INTERNAL_ERROR') log.info({ code: error.extensions?.code }, 'GraphQL error');
  return {
    statusCode,
    response: { data: execution.data ?? null, errors: classified.map((c) => c.error) },
  };
};
