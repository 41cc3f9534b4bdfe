import type { FastifyInstance } from 'fastify';
import { AppError } from '../../domain/errors.js';

export class JsonTooDeepError extends AppError {
  readonly code = 'JSON_TOO_DEEP';
  readonly kind = 'invalid';
  constructor(maxDepth: number) {
    super(`The JSON body nests deeper than ${maxDepth} levels`, { maxDepth });
  }
}

export class MalformedJsonError extends AppError {
  readonly code = 'MALFORMED_JSON';
  readonly kind = 'invalid';
  constructor() {
    super('The body is not valid JSON');
  }
}

export class ForbiddenJsonKeyError extends AppError {
  readonly code = 'FORBIDDEN_JSON_KEY';
  readonly kind = 'invalid';
  constructor() {
    super('The body contains a forbidden key (__proto__ or constructor.prototype)');
  }
}

/** Nesting depth of a JSON text, counted without parsing it, so deep input never reaches the parser. */
export const jsonDepthExceeds = (text: string, maxDepth: number): boolean => {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++;
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 || c === 91) {
      if (++depth > maxDepth) return true;
    } else if (c === 125 || c === 93) depth--;
  }
  return false;
};

/** Valid JSON that the secure parser refused: it carries `__proto__` or `constructor.prototype`. */
const isPlainJson = (text: string): boolean => {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
};

/** JSON parser with a depth limit and prototype-poisoning protection (`__proto__`/`constructor` refused). */
export const registerJsonParser = (app: FastifyInstance, maxDepth: number): void => {
  const secureParse = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser(['application/json']);
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = body as string;
    if (jsonDepthExceeds(text, maxDepth)) return done(new JsonTooDeepError(maxDepth), undefined);
    secureParse(request, text, (error, value) => {
      if (!error) return done(null, value);
      const code = (error as { code?: string }).code;
      if (code === 'FST_ERR_CTP_EMPTY_JSON_BODY') return done(error, undefined);
      done(isPlainJson(text) ? new ForbiddenJsonKeyError() : new MalformedJsonError(), undefined);
    });
  });
};
