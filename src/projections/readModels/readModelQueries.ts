import type { Projection } from '../runner/projection.js';
import type { ReadModels } from '../runner/readModels.js';
import { caseloadQueries } from './caseloadQueries.js';
import { clientsProjection } from './clientsProjection.js';
import { deadlineQueries } from './deadlineQueries.js';
import { deadlinesProjection } from './deadlinesProjection.js';
import type { ReadModelDeps } from './options.js';
import type { ReadModelQueries } from './readModelTypes.js';
import { statisticsProjection } from './statisticsProjection.js';
import { statisticsQueries } from './statisticsQueries.js';
import { transferQueries } from './transferQueries.js';
import { transfersDueProjection } from './transfersDueProjection.js';

export type { ReadModelDeps } from './options.js';
export { InvalidPageRequestError, MAX_PAGE_SIZE } from './pagination.js';
export type {
  ActiveService,
  CaseloadBucket,
  CaseloadDimension,
  CaseloadFilter,
  ClientRow,
  ClientStatus,
  DeadlineRow,
  Figures,
  Page,
  PageRequest,
  ReadModelQueries,
  StatisticsResult,
  TransferDueRow,
} from './readModelTypes.js';

/** Reserved for query tuning; every query works with the defaults. */
export type ReadModelQueryOptions = Record<string, never>;

/**
 * The read-model queries over the runner's live tables: prepared statements (re-prepared after a rebuild
 * switch), one statement for a list of ids, keyset pagination with a total count, states computed for `asOf`.
 * Synchronous: every call reads a consistent snapshot (batches commit as one transaction).
 * @throws ProjectionNotReadyError while a projection has no active build; InvalidPageRequestError on a bad page.
 */
export const createReadModelQueries = (
  readModels: ReadModels,
  _options: ReadModelQueryOptions = {},
): ReadModelQueries => ({
  ...caseloadQueries(readModels),
  ...deadlineQueries(readModels),
  ...transferQueries(readModels),
  ...statisticsQueries(readModels),
});

/** Every read-model projection, for `createProjectionRunner({ projections })`. */
export const readModelProjections = (deps: ReadModelDeps): Projection[] => [
  clientsProjection(deps),
  deadlinesProjection(deps),
  transfersDueProjection(deps),
  statisticsProjection(deps),
];
