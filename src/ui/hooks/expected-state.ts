// What a key's action will meet: the last committed state with every action dispatched since
// (an engine update not committed yet may be what makes the key change something).

export class ExpectedState<S, A> {
  /** Dispatched since the last commit but not folded into `state` yet: folded only when a key asks. */
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
      return false;
    }
    const before = this.unapplied.reduce(this.reducer, this.state);
    this.unapplied = [];
    this.state = this.reducer(before, action);
    return this.state !== before;
  }
}
