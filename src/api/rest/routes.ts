import type { FastifyPluginAsync } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';

/** The integrator REST API under /v1. zod compilers live in this scope only (stack.md gotcha 1). */
export const restRoutes: FastifyPluginAsync = async (scope) => {
  scope.setValidatorCompiler(validatorCompiler).setSerializerCompiler(serializerCompiler);
};
