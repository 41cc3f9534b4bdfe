import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify from 'fastify';
import { authenticatorFromSettings } from '../../../../src/api/auth/authenticator.js';
import { authPlugin, defaultPublicPaths } from '../../../../src/api/auth/authPlugin.js';
import { type ClientScopeLookup, createClientAuthorizer } from '../../../../src/api/auth/clientAuthorizer.js';
import type { ClientScope } from '../../../../src/api/auth/clientScope.js';
import { extraRedactedPaths } from '../../../../src/api/auth/redaction.js';
import { restPolicies } from '../../../../src/api/auth/restPolicies.js';
import { enforceRoutePolicies } from '../../../../src/api/auth/routePolicy.js';
import { type AuthSettings, defaultAuthSettings } from '../../../../src/api/auth/settings.js';
import { deps } from '../../../../src/api/deps.js';
import { loggerOptions, redactedPaths } from '../../../../src/api/logging.js';
import { errorHandler } from '../../../../src/api/plugins/errorHandler.js';
import { registerJsonParser } from '../../../../src/api/plugins/jsonBody.js';
import { registerOpenApi } from '../../../../src/api/plugins/openapi.js';
import { type SecurityOptions, securityPlugin } from '../../../../src/api/plugins/security.js';
import { healthRoutes } from '../../../../src/api/rest/health.js';
import { restRoutes } from '../../../../src/api/rest/routes.js';
import { fixedClock } from '../../../../src/clock.js';
import { loadConfig } from '../../../../src/config/config.js';
import { createSqliteEventStore } from '../../../../src/eventStore/sqlite/sqliteEventStore.js';
import { deriveIdentityKeys, openIdentityStore } from '../../../../src/identities/identityStore.js';
import { AUDIENCE, HS_SECRET, ISSUER, NOW } from './keys.js';

/** The REST policy the report proposes to the lead (fail closed: every /v1 route must be listed). */
export { restPolicies };

export interface AuthServerOptions {
  settings?: Partial<AuthSettings>;
  security?: Partial<SecurityOptions>;
  publicPaths?: string[];
  /** Captured pino lines (level trace) when given. */
  logLines?: string[];
}

/** A real listening app, wired as buildApp plus the security and auth plugins, on a temporary SQLite file. */
export const startAuthServer = async (options: AuthServerOptions = {}) => {
  const dir = mkdtempSync(join(tmpdir(), 'ledger-auth-'));
  const config = loadConfig({ LOG_LEVEL: 'silent', LEDGER_DATA_DIR: dir, NODE_ENV: 'test' });
  const eventStore = createSqliteEventStore({ path: join(dir, 'events.sqlite') });
  const identities = openIdentityStore(join(dir, 'identities.sqlite'), deriveIdentityKeys('a'.repeat(40)));
  const clock = fixedClock(NOW);
  const scopes = new Map<string, ClientScope>();
  const lookup: ClientScopeLookup = (clientId) => scopes.get(clientId);
  const logLines = options.logLines;
  const app = Fastify({
    logger: logLines
      ? {
          ...loggerOptions('trace'),
          redact: { paths: [...redactedPaths, ...extraRedactedPaths], censor: '[redacted]' },
          stream: { write: (line: string) => void logLines.push(line) },
        }
      : false,
    genReqId: () => randomUUID(),
  });
  app.removeContentTypeParser('text/plain');
  registerJsonParser(app, config.LEDGER_JSON_MAX_DEPTH);
  const settings: AuthSettings = {
    NODE_ENV: 'test',
    ...defaultAuthSettings,
    LEDGER_JWT_ISSUER: ISSUER,
    LEDGER_JWT_AUDIENCE: AUDIENCE,
    LEDGER_JWT_HS256_SECRET: HS_SECRET,
    ...options.settings,
  };
  await app.register(deps, { config, eventStore, clock, identities });
  await app.register(errorHandler);
  await app.register(securityPlugin, {
    corsOrigins: [],
    rateLimit: { windowMs: 60_000, perIp: 10_000, perIdentity: 10_000 },
    ...options.security,
  });
  await app.register(authPlugin, {
    authenticator: authenticatorFromSettings(settings, clock),
    publicPaths: options.publicPaths ?? defaultPublicPaths(true),
  });
  await registerOpenApi(app);
  await app.register(healthRoutes);
  app.get('/metrics', async () => 'metrics 1\n');
  app.get('/fails', async () => {
    throw new Error('kaboom: secret internal detail');
  });
  const authorizer = createClientAuthorizer(lookup);
  await app.register(async (scope) => {
    enforceRoutePolicies(scope, restPolicies, authorizer);
    await scope.register(restRoutes, { prefix: '/v1' });
  });
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  return {
    url,
    clock,
    scopes,
    request: (path: string, init?: RequestInit) => fetch(`${url}${path}`, init),
    close: async () => {
      await app.close();
      await eventStore.close();
      identities.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
};

export type AuthServer = Awaited<ReturnType<typeof startAuthServer>>;
