// The engine's API: the only door the UI and the CLI use (docs/ARCHITECTURE.md, Layers).
import type {
  AlertTrouble,
  ConfigStatus,
  EngineEvent,
  HistoryQuery,
  Identity,
  InstanceInfo,
  InstanceView,
  RunDetails,
  RunSummary,
  TaskView,
} from './types.js';

export interface EngineApi {
  readonly identity: Identity;
  readonly instance: InstanceInfo;
  /** Where the data lives (database path) and where the config came from ("demo" or a file). */
  readonly location: { database: string; config: string; demo: boolean };

  /** Every task this user may see, with status, schedule state and last run. */
  snapshot(): Promise<TaskView[]>;
  /** Starts a manual run now (diagnostics recorded). Rejects with EngineError: not-found, forbidden, already-running. */
  runNow(taskId: string): Promise<RunSummary>;
  /** Resolves when the run ends, with its final summary. */
  waitForRun(runId: number): Promise<RunSummary>;
  /** Stops the task's current run wherever it runs; resolves when the request is recorded. */
  stop(taskId: string): Promise<{ runningOn: string | null }>;
  pause(taskId: string): Promise<void>;
  resume(taskId: string): Promise<void>;

  history(query: HistoryQuery): Promise<RunSummary[]>;
  /** Counts up to `bound`; returns bound + 1 when there are more. */
  countHistory(query: Omit<HistoryQuery, 'limit'>, bound: number): Promise<number>;
  runDetails(runId: number): Promise<RunDetails>;
  /** Services, task types and tasks the user can see, and who starts runs (SCHEDULER first, then the config's users), for history filters and grouping. */
  catalog(): Promise<{
    services: { id: string; name: string }[];
    types: string[];
    tasks: { id: string; name: string }[];
    users: string[];
  }>;

  /** Every live instance (any computer, this process included), with the tasks each runs now. */
  instances(): Promise<InstanceView[]>;

  /** The database server's clock minus this computer's, in ms (0 for SQLite). */
  clockSkewMs(): Promise<number>;
  /** Alert channels whose latest delivery attempt failed (docs/alerts.md): the header shows them. */
  alertTrouble(): Promise<AlertTrouble[]>;

  /** Which config this instance runs and how it compares with the fleet's (the header's warnings). */
  configStatus(): Promise<ConfigStatus>;

  /** Engine events (runs starting, progress, log lines, finishes, changes seen from other instances). */
  subscribe(listener: (event: EngineEvent) => void): () => void;
}
