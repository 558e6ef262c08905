// What other instances changed, told to whoever listens (Store.onChange). Bursts are
// folded: every change noticed in one turn of the event loop reaches a listener as one
// call, with the union of the tables.
/** The tables whose changes other instances hear of (per-task state is read only where the task runs). */
export const CHANGED_TABLES = ['instances', 'services', 'tasks', 'runs', 'run_logs', 'run_exchanges'] as const;
export type ChangedTable = (typeof CHANGED_TABLES)[number];

export interface StoreChange {
  /**
   * The tables another instance committed changes to; null when the store cannot tell
   * (SQLite's data_version says only that something changed) or may have missed changes
   * (a lost connection): then read everything that matters again.
   */
  readonly tables: ReadonlySet<ChangedTable> | null;
}

/** Called at most once per turn of the event loop; must not throw. */
export type ChangeListener = (change: StoreChange) => void;

const KNOWN = new Set<string>(CHANGED_TABLES);

export function isChangedTable(name: string): name is ChangedTable {
  return KNOWN.has(name);
}

export class ChangeFeed {
  private readonly listeners = new Set<ChangeListener>();
  /** undefined: nothing pending; null: something unknown changed. */
  private pending: Set<ChangedTable> | null | undefined = undefined;
  private count = 0;

  /** `first` runs when the first listener comes, `last` when the last one goes (start and stop watching). */
  constructor(private readonly hooks: { first?: () => void; last?: () => void } = {}) {}

  /** Changes told so far (the change marker of the stores). */
  get told(): number {
    return this.count;
  }

  get listening(): boolean {
    return this.listeners.size > 0;
  }

  add(listener: ChangeListener): () => void {
    const first = this.listeners.size === 0;
    this.listeners.add(listener);
    if (first) this.hooks.first?.();
    return () => {
      if (this.listeners.delete(listener) && this.listeners.size === 0) this.hooks.last?.();
    };
  }

  /** A change to these tables (null: unknown), told at the end of this turn of the event loop. */
  push(tables: readonly ChangedTable[] | null): void {
    const flush = this.pending === undefined;
    if (tables === null || this.pending === null) this.pending = null;
    else {
      this.pending ??= new Set();
      for (const t of tables) this.pending.add(t);
    }
    if (flush) setImmediate(() => this.flush());
  }

  private flush(): void {
    const tables = this.pending;
    this.pending = undefined;
    if (tables === undefined) return;
    this.count++;
    const change: StoreChange = { tables };
    for (const listener of [...this.listeners]) listener(change);
  }
}
