import type { FastifyPluginAsync } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { accessLogRoutes } from './accessLogRoutes.js';
import { auditRoutes } from './auditRoutes.js';
import { clientEventsRoutes } from './clientEventsRoutes.js';
import { clientStateRoutes } from './clientStateRoutes.js';
import { erasureRoutes } from './erasureRoutes.js';
import { feedRoutes } from './feedRoutes.js';
import { identityRoutes } from './identityRoutes.js';
import { importRoutes } from './importRoutes.js';

/** The integrator REST API under /v1. zod compilers live in this scope only (stack.md gotcha 1). */
export const restRoutes: FastifyPluginAsync = async (scope) => {
  scope.setValidatorCompiler(validatorCompiler).setSerializerCompiler(serializerCompiler);
  await scope.register(clientEventsRoutes);
  await scope.register(clientStateRoutes);
  await scope.register(erasureRoutes);
  await scope.register(feedRoutes);
  await scope.register(identityRoutes);
  await scope.register(importRoutes);
  await scope.register(auditRoutes);
  await scope.register(accessLogRoutes);
};
