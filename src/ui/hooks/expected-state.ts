// What a key's action will meet: the last committed state with every action dispatched since
// (an engine update not committed yet may be what makes the key change something).

/**
 * At most this many actions wait to be folded: an action that changes nothing brings no
 * commit, and a dashboard open all day without a key would otherwise keep every one
 * (a whole snapshot each 30 s).
 */
export const MAX_UNAPPLIED = 32;

export class ExpectedState<S, A> {
  /** Dispatched since the last commit but not folded into `state` yet: folded when a key asks, or when many. */
  private unapplied: A[] = [];

  constructor(
    private readonly reducer: (state: S, action: A) => S,
    private state: S,
  ) {}

  /** A commit: it holds every action dispatched before it (Ink renders synchronously, a legacy root). */
  committed(state: S): void {
    this.state = state;
    this.unapplied = [];
  }

  /** Notes a dispatched action; when `ask`, says whether it changes the state it will meet (the reducer is pure). */
  dispatched(action: A, ask: boolean): boolean {
    if (!ask) {
      this.unapplied.push(action);
      if (this.unapplied.length >= MAX_UNAPPLIED) this.fold();
      return false;
    }
    this.fold();
    const before = this.state;
    this.state = this.reducer(before, action);
    return this.state !== before;
  }

  private fold(): void {
    this.state = this.unapplied.reduce(this.reducer, this.state);
    this.unapplied = [];
  }
}
