/** The query interface the GraphQL layer codes against (shared contract). Dates are `YYYY-MM-DD`. */
export interface Page<T> {
  totalCount: number;
  items: T[];
  endCursor: string | null;
  hasNextPage: boolean;
}
/** `first` 1..200; `after` an opaque cursor (base64url) from a previous page. */
export interface PageRequest {
  first: number;
  after?: string;
}

export type ClientStatus = 'ACTIVE' | 'ENDED';
export interface ActiveService {
  serviceId: string;
  serviceType: string;
  startedOn: string;
  expectedEndOn: string | null;
}
export interface ClientRow {
  clientId: string;
  status: ClientStatus;
  organisation: string | null;
  basis: string | null;
  criteria: string[];
  responsibleSince: string | null;
  homeMunicipality: string | null;
  coach: string | null;
  jobSearchStartedOn: string | null;
  jobSearchEndedOn: string | null;
  latestPlanOn: string | null;
  activeServices: ActiveService[];
  lastRevision: bigint;
  lastPosition: bigint;
}
export interface DeadlineRow {
  id: string;
  clientId: string;
  kind: string;
  clockStart: string;
  dueOn: string;
  closedOn: string | null;
  closedBy: string | null;
  cancelledOn: string | null;
  policyId: string;
  citation: string;
  openedBy: string;
  organisation: string | null;
}
export interface TransferDueRow {
  clientId: string;
  from: string | null;
  to: string;
  reason: string;
  clockStart: string;
  dueOn: string;
}
export type CaseloadDimension = 'ORGANISATION' | 'MUNICIPALITY' | 'COACH' | 'BASIS' | 'STATUS';
export interface CaseloadFilter {
  organisation?: string;
  municipality?: string;
  coach?: string;
  basis?: string;
  status?: ClientStatus;
  asOf: string;
}
export interface CaseloadBucket {
  organisation?: string | null;
  municipality?: string | null;
  coach?: string | null;
  basis?: string | null;
  status?: ClientStatus;
  count: number;
}
export interface Figures {
  activeClients: number;
  statutoryContacts: number;
  contactsPerExpertPerMonth: number | null;
  faceToFaceShare: number | null;
  medianDaysToInitialInterview: number | null;
  initialInterviewsOnTimeShare: number | null;
  planUpToDateShare: number | null;
  planDebt: number | null;
  statementMedianDays: number | null;
  statementMeanDays: number | null;
  statementsWithinTargetShare: number | null;
  satisfactionMean: number | null;
  satisfactionResponses: number;
}
export interface StatisticsResult {
  months: Array<{ month: string; figures: Figures; national: Figures }>;
  total: Figures;
  national: Figures;
}

export interface ReadModelQueries {
  /** Current rows of many clients in one query (for a DataLoader); unknown ids are absent. */
  clientsByIds(ids: readonly string[]): Map<string, ClientRow>;
  /**
   * Clients in the caseload as of `filter.asOf`, in client-id order. Organisation, basis, status, municipality
   * and coach (in the row too) are those of that date; the other fields are current.
   */
  caseload(filter: CaseloadFilter, page: PageRequest): Page<ClientRow>;
  caseloadSummary(
    groupBy: readonly CaseloadDimension[],
    filter: { organisation?: string; asOf: string },
  ): CaseloadBucket[];
  /** Every deadline of many clients in one query, by due date. */
  deadlinesOfClients(ids: readonly string[]): Map<string, DeadlineRow[]>;
  /** Deadlines that are MET_LATE or OVERDUE on `asOf`, most overdue (earliest due) first. */
  deadlineBreaches(
    filter: { organisation?: string; kind?: string; asOf: string },
    page: PageRequest,
  ): Page<DeadlineRow>;
  /** Deadlines open on `asOf` with `asOf < dueOn <= dueBy`, earliest due first. */
  upcomingDeadlines(
    filter: { organisation?: string; kind?: string; asOf: string; dueBy: string },
    page: PageRequest,
  ): Page<DeadlineRow>;
  /** Deadlines still open at the end of their due date, with `afterDate < dueOn <= upToDate` (breach ticker). */
  deadlinesFallingDue(afterDate: string, upToDate: string, organisation?: string): DeadlineRow[];
  /** Transfers open on `asOf`, earliest due first; `organisation` matches the sender or the receiver. */
  transfersDue(filter: { organisation?: string; asOf: string }, page: PageRequest): Page<TransferDueRow>;
  /** Figures per month of `[from, to]` (whole months), the total over them, and the national comparison. */
  statistics(filter: { organisation?: string; from: string; to: string }): StatisticsResult;
}
