// Reading V8 CPU profiles (`node --cpu-prof`, one file per thread) as shares: self time by
// package or function in a window, the stacks through a function, and several threads side
// by side in time buckets. Frames of the bundle (dist/*.mjs) are mapped back to their
// source file through the build's source maps (node:module's SourceMap), so a share says
// "ink" or "src/ui/output/ink-output.ts" rather than "chunk-XYZ.mjs". BENCHMARKS.md, "Where
// it goes", was written with these.
import { existsSync, readFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { fileURLToPath } from 'node:url';

export interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}

export interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}

export interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface Sample {
  /** Milliseconds since the profile started. */
  at: number;
  /** How long this sample stands for, ms. */
  ms: number;
  node: ProfileNode;
}

export type Grouping = 'package' | 'function';

/** A label (a package, a function, a stack) and its time, ms. */
export interface Share {
  label: string;
  ms: number;
}

/** Totals by label, biggest first. */
const ranked = (totals: ReadonlyMap<string, number>): Share[] =>
  [...totals].map(([label, ms]) => ({ label, ms })).sort((a, b) => b.ms - a.ms);

export class Profile {
  private readonly byId = new Map<number, ProfileNode>();
  private readonly parent = new Map<number, number>();

  constructor(
    readonly data: CpuProfile,
    private readonly where: (frame: CallFrame) => string = sourceOf,
  ) {
    for (const n of data.nodes) {
      this.byId.set(n.id, n);
      for (const c of n.children ?? []) this.parent.set(c, n.id);
    }
  }

  static read(file: string): Profile {
    return new Profile(JSON.parse(readFileSync(file, 'utf8')) as CpuProfile);
  }

  /** Every sample, in order. The last one stands for no time (its length is unknown). */
  *samples(): Generator<Sample> {
    const { samples, timeDeltas, startTime } = this.data;
    let t = startTime;
    for (let i = 0; i < samples.length; i++) {
      t += timeDeltas[i] ?? 0;
      yield { at: (t - startTime) / 1000, ms: (timeDeltas[i + 1] ?? 0) / 1000, node: this.byId.get(samples[i]!)! };
    }
  }

  /** The node and its callers, innermost first. */
  stack(node: ProfileNode): ProfileNode[] {
    const out: ProfileNode[] = [];
    for (let id: number | undefined = node.id; id !== undefined; id = this.parent.get(id)) out.push(this.byId.get(id)!);
    return out;
  }

  /** When `functionName` first appears in a sampled stack, ms since the start; null if never. */
  firstSeen(functionName: string): number | null {
    for (const s of this.samples())
      if (this.stack(s.node).some((n) => n.callFrame.functionName === functionName)) return s.at;
    return null;
  }

  label(node: ProfileNode, by: Grouping): string {
    const f = node.callFrame;
    if (!f.url) return f.functionName || '(native)';
    const where = this.where(f);
    return by === 'package' ? packageOf(where) : `${f.functionName || '(anonymous)'} ${where}`;
  }

  /** Self time by label within [fromMs, toMs), biggest first. */
  selfTime(by: Grouping, fromMs = 0, toMs = Infinity): Share[] {
    const totals = new Map<string, number>();
    for (const s of this.samples()) {
      if (s.at < fromMs || s.at >= toMs) continue;
      const key = this.label(s.node, by);
      totals.set(key, (totals.get(key) ?? 0) + s.ms);
    }
    return ranked(totals);
  }

  /**
   * Where each function is on the stack: when first and last sampled (ms since the start) and
   * its time in all (its callees included); null when never sampled. The phases of a start.
   */
  spans(functionNames: readonly string[]): { name: string; first: number; last: number; ms: number }[] {
    const spans = new Map<string, { name: string; first: number; last: number; ms: number }>();
    for (const s of this.samples()) {
      const onStack = new Set(this.stack(s.node).map((n) => n.callFrame.functionName));
      for (const name of functionNames) {
        if (!onStack.has(name)) continue;
        const span = spans.get(name) ?? { name, first: s.at, last: s.at, ms: 0 };
        span.last = s.at;
        span.ms += s.ms;
        spans.set(name, span);
      }
    }
    return functionNames.flatMap((name) => spans.get(name) ?? []);
  }

  /** The distinct stacks whose frames include `functionName`, with their time, biggest first. */
  stacksThrough(functionName: string, depth = 14): Share[] {
    const totals = new Map<string, number>();
    for (const s of this.samples()) {
      const stack = this.stack(s.node);
      const i = stack.findIndex((n) => n.callFrame.functionName === functionName);
      if (i < 0) continue;
      const key = stack
        .slice(0, Math.max(i + 1, depth))
        .map((n) => this.label(n, 'function'))
        .join(' < ');
      totals.set(key, (totals.get(key) ?? 0) + s.ms);
    }
    return ranked(totals);
  }
}

/** "ink", "@xterm/headless", "node:internal", or the source file for our own code. */
export function packageOf(where: string): string {
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(where);
  if (m) return m[1]!;
  if (where.startsWith('node:')) return 'node:internal';
  return where.replace(/:\d+$/, '');
}

const maps = new Map<string, SourceMap | null>();

function mapFor(url: string): SourceMap | null {
  let map = maps.get(url);
  if (map !== undefined) return map;
  map = null;
  try {
    const file = fileURLToPath(url);
    if (existsSync(`${file}.map`))
      map = new SourceMap(
        JSON.parse(readFileSync(`${file}.map`, 'utf8')) as ConstructorParameters<typeof SourceMap>[0],
      );
  } catch {
    // not a file URL, or no usable map: the frame keeps its own place
  }
  maps.set(url, map);
  return map;
}

/** Where a frame's code was written: the original source through the bundle's map, else the URL's file. */
function sourceOf(f: CallFrame): string {
  if (f.url.startsWith('node:')) return f.url;
  const map = f.url.startsWith('file:') ? mapFor(f.url) : null;
  const entry: { originalSource?: string } | undefined = map?.findEntry(f.lineNumber, f.columnNumber);
  const source = entry?.originalSource ?? f.url;
  const dependency = /node_modules\/.*$/.exec(source);
  if (dependency) return dependency[0];
  const own = /\/((?:src|bench|tests)\/.*)$/.exec(source);
  return own ? own[1]! : source.replace(/^.*\//, '');
}

/** Several threads' profiles side by side in buckets of `bucketMs`: per bucket and thread, idle ms and the top labels. */
export function timeline(
  profiles: Profile[],
  bucketMs: number,
  by: Grouping = 'package',
  top = 3,
): { fromMs: number; threads: { idleMs: number; top: Share[] }[] }[] {
  const t0 = Math.min(...profiles.map((p) => p.data.startTime));
  const buckets = new Map<number, Map<string, number>[]>();
  profiles.forEach((p, thread) => {
    const offset = (p.data.startTime - t0) / 1000;
    for (const s of p.samples()) {
      const b = Math.floor((s.at + offset) / bucketMs);
      const row = buckets.get(b) ?? profiles.map(() => new Map<string, number>());
      buckets.set(b, row);
      const key = p.label(s.node, by);
      row[thread]!.set(key, (row[thread]!.get(key) ?? 0) + s.ms);
    }
  });
  return [...buckets.keys()]
    .sort((a, b) => a - b)
    .map((b) => ({
      fromMs: b * bucketMs,
      threads: buckets.get(b)!.map((m) => ({
        idleMs: m.get('(idle)') ?? 0,
        top: ranked(m)
          .filter((x) => x.label !== '(idle)')
          .slice(0, top),
      })),
    }));
}
