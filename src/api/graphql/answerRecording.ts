import type { Kind as KindEnum, OperationDefinitionNode } from 'graphql';

/** The GraphQL `Kind` values this module compares (graphql may load twice under vitest: compare strings). */
const FIELD: `${KindEnum.FIELD}` = 'Field';
const OPERATION: `${KindEnum.OPERATION_DEFINITION}` = 'OperationDefinition';

/** Root fields whose answers depend only on the read models, the client streams read and the caller's scope. */
const CACHEABLE_ROOT_FIELDS = new Set([
  '__typename',
  'client',
  'caseload',
  'caseloadSummary',
  'deadlineBreaches',
  'upcomingDeadlines',
  'transfersDue',
  'statistics',
  'organisations',
]);

/** Client access decisions an answer relied on: `allowed`, or the refusal's code. */
export type AccessOutcome = 'allowed' | 'FORBIDDEN' | 'CLIENT_NOT_FOUND';

/**
 * What one execution depended on, so that its answer can be served again only while all of it still holds:
 * the read models (their state when it started and ended), each client stream it read (the revision read
 * before reading it), each client access decision (made again for the next caller), and the access-log
 * records it made (made again for every caller served from the cache).
 */
export interface AnswerRecording {
  /** A query operation over cacheable root fields only. */
  cacheable: boolean;
  /** Read any read model: the answer holds only until the read models next change. */
  readModels: boolean;
  reads: Array<{ operation: string; clientIds: readonly string[] }>;
  streams: Map<string, Promise<bigint | undefined>>;
  access: Map<string, AccessOutcome>;
}

export const newRecording = (): AnswerRecording => ({
  cacheable: false,
  readModels: false,
  reads: [],
  streams: new Map(),
  access: new Map(),
});

type Document = { definitions: ReadonlyArray<{ kind: string }> };

/** Whether the operation that will run is a query whose root selections are plain cacheable fields. */
export const isCacheableOperation = (document: Document, operationName: string | null | undefined): boolean => {
  const operations = document.definitions.filter(
    (definition): definition is OperationDefinitionNode => definition.kind === OPERATION,
  );
  const operation =
    operationName == null
      ? operations.length === 1
        ? operations[0]
        : undefined
      : operations.find((candidate) => candidate.name?.value === operationName);
  if (operation?.operation !== 'query') return false;
  return operation.selectionSet.selections.every(
    (selection) => selection.kind === FIELD && CACHEABLE_ROOT_FIELDS.has(selection.name.value),
  );
};
