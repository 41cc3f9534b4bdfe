/**
 * Base of every error the service raises on purpose. `code` is stable and machine-readable;
 * `kind` tells the edges (REST, GraphQL, CLI) how to answer without knowing each class.
 */
export type ErrorKind = 'invalid' | 'notFound' | 'conflict' | 'preconditionFailed' | 'unprocessable' | 'unavailable';

export abstract class AppError extends Error {
  abstract readonly code: string;
  abstract readonly kind: ErrorKind;
  override readonly name: string = this.constructor.name;

  constructor(
    message: string,
    /** Machine-readable facts about the failure, safe to show to the caller. */
    readonly details: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
  }
}
