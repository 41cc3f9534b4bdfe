import { createRequire } from 'node:module';
import type { DocumentNode, GraphQLSchema, ValidationRule } from 'graphql';
import { AppError } from '../../domain/errors.js';
import { tokenInvalid } from '../auth/errors.js';
import type { Identity } from '../auth/identity.js';
import { requireReader } from './access.js';
import { codedGraphqlError, type Logger } from './errorFormatter.js';

// The schema mercurius hands to hooks belongs to graphql's CommonJS build; a bundler-resolved ESM copy (vitest)
// would refuse it as coming from another realm. Plain Node resolves `graphql` to the same CommonJS build anyway.
const { specifiedRules, validate } = createRequire(import.meta.url)('graphql') as typeof import('graphql');

/** A subscription sent over HTTP: it runs only over the WebSocket. */
export class SubscriptionOverHttpError extends AppError {
  readonly code = 'SUBSCRIPTION_NEEDS_WEBSOCKET';
  readonly kind = 'invalid';
}

/** Refuses a document with a subscription operation on the HTTP transport (it would fail while executing). */
export const refuseSubscriptionOverHttp = (document: DocumentNode): void => {
  const subscription = document.definitions.some(
    (definition) => definition.kind === 'OperationDefinition' && definition.operation === 'subscription',
  );
  if (subscription)
    throw new SubscriptionOverHttpError('Subscriptions run over the WebSocket at /graphql (graphql-transport-ws)');
};

/** What a `connection_init` payload establishes: the caller, or why its credential was refused. */
export type ConnectionIdentity = { identity: Identity } | { identity: null; credentialError: unknown } | true;

/**
 * Reads the credential of a `connection_init` payload. A refused credential does not close the connection (mercurius
 * would answer only `connection_error: Forbidden`): every subscription on it is refused with the credential's
 * code (TOKEN_INVALID, TOKEN_EXPIRED) instead. Without a credential the connection is anonymous (UNAUTHENTICATED).
 */
export const connectionIdentity = async (
  payload: unknown,
  authenticate: (credentials: { authorization: string }) => Promise<Identity>,
): Promise<ConnectionIdentity> => {
  const authorization = (payload as { authorization?: unknown } | null | undefined)?.authorization;
  if (authorization === undefined) return true;
  try {
    if (typeof authorization !== 'string') throw tokenInvalid('authorization must be a string');
    return { identity: await authenticate({ authorization }) };
  } catch (error) {
    return { identity: null, credentialError: error };
  }
};

export interface SubscriptionCheckContext {
  identity: Identity | null;
  credentialError?: unknown;
  app: { log: Logger };
}

/**
 * Checks a subscription before it starts, as the HTTP transport checks a query: a trusted caller with a reading
 * role first (no schema hints for strangers), then the document against the schema and `rules`, which mercurius
 * does not run on the WebSocket. Throws the first refusal as a GraphQLError with `extensions.code`.
 */
export const checkSubscription = (
  schema: GraphQLSchema,
  document: DocumentNode,
  context: SubscriptionCheckContext,
  rules: readonly ValidationRule[],
): void => {
  try {
    if (context.credentialError !== undefined) throw context.credentialError;
    requireReader(context.identity);
    const [invalid] = validate(schema, document, [...specifiedRules, ...rules]);
    if (invalid !== undefined) throw invalid;
  } catch (error) {
    throw codedGraphqlError(error, context.app.log);
  }
};

const fallbackCode = (message: unknown): string =>
  typeof message === 'string' && message.startsWith('Syntax Error')
    ? 'GRAPHQL_PARSE_FAILED'
    : 'GRAPHQL_VALIDATION_FAILED';

const withCode = (error: unknown): unknown => {
  if (typeof error !== 'object' || error === null) return error;
  const { message, extensions } = error as { message?: unknown; extensions?: Record<string, unknown> };
  if (typeof extensions?.code === 'string') return error;
  return { ...error, extensions: { ...extensions, code: fallbackCode(message) } };
};

/** An `error` frame with a code on every error; other frames unchanged (mercurius writes `type` first). */
export const codeErrorFrame = (frame: string): string => {
  if (!frame.startsWith('{"type":"error"')) return frame;
  const message = JSON.parse(frame) as { payload?: unknown };
  if (!Array.isArray(message.payload)) return frame;
  return JSON.stringify({ ...message, payload: message.payload.map(withCode) });
};

type FrameSocket = { send(data: unknown, ...rest: unknown[]): void };
const coded = new WeakSet<FrameSocket>();

/**
 * Gives the errors mercurius raises itself on a WebSocket, before any hook runs (a syntax error, an operation that
 * is not a subscription, variables of the wrong type, a document too deep), an `extensions.code` too:
 * GRAPHQL_PARSE_FAILED or GRAPHQL_VALIDATION_FAILED.
 */
export const codeErrorFrames = (socket: FrameSocket): void => {
  if (coded.has(socket)) return;
  coded.add(socket);
  const send = socket.send.bind(socket);
  socket.send = (data, ...rest) => send(typeof data === 'string' ? codeErrorFrame(data) : data, ...rest);
};
