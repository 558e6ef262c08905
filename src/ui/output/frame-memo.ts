// Memory across Ink's frames for src/ui/output/ink-output.ts (docs/ARCHITECTURE.md, The
// dashboard: state, keys and rendering).

const all: FrameMemo<unknown>[] = [];

/**
 * What one frame used, and the frame before it: a line the screen still shows is found
 * again however many others came and went (a busy screen changes thirty rows a second,
 * and a map that forgot everything at a size limit rebuilt every row every few frames),
 * and nothing is kept longer than two frames (paging a 1M history stays at two pages).
 */
export class FrameMemo<V> {
  private current = new Map<string, V>();
  private previous = new Map<string, V>();

  constructor() {
    all.push(this);
  }

  get(key: string, make: (key: string) => V): V {
    let value = this.current.get(key);
    if (value === undefined) {
      value = this.previous.get(key) ?? make(key);
      this.current.set(key, value);
    }
    return value;
  }

  /** A new frame: what the last one did not use is forgotten. */
  nextFrame(): void {
    this.previous = this.current;
    this.current = new Map();
  }
}

/** Every FrameMemo starts a new frame. */
export function nextFrame(): void {
  for (const memo of all) memo.nextFrame();
}

/** A map for values of few distinct keys (shapes, styles): forgets everything at `limit` entries. */
export class SmallMemo<V> {
  private readonly map = new Map<string, V>();
  constructor(private readonly limit: number) {}
  get(key: string, make: (key: string) => V): V {
    let value = this.map.get(key);
    if (value === undefined) {
      if (this.map.size >= this.limit) this.map.clear();
      value = make(key);
      this.map.set(key, value);
    }
    return value;
  }
}
