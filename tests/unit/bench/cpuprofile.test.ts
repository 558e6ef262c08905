// bench/profile/cpuprofile.ts: self time in a window, the first sample of a function, the
// stacks through it, and threads side by side, on a small profile made by hand.
import { describe, expect, it } from 'vitest';
import { packageOf, Profile, timeline, type CpuProfile } from '../../../bench/profile/cpuprofile.js';

const frame = (functionName: string, url = '') => ({ functionName, url, lineNumber: 0, columnNumber: 0 });

// root → main → render (ink) → measure (string-width); root → (idle)
const data: CpuProfile = {
  nodes: [
    { id: 1, callFrame: frame('(root)'), children: [2, 5] },
    { id: 2, callFrame: frame('main', 'file:///app/src/main.ts'), children: [3] },
    { id: 3, callFrame: frame('render', 'file:///app/node_modules/ink/build/ink.js'), children: [4] },
    { id: 4, callFrame: frame('measure', 'file:///app/node_modules/string-width/index.js') },
    { id: 5, callFrame: frame('(idle)') },
  ],
  startTime: 1_000_000,
  endTime: 1_010_000,
  // Samples 1 ms apart: idle, main, render, measure, measure, idle.
  samples: [5, 2, 3, 4, 4, 5],
  timeDeltas: [0, 1000, 1000, 1000, 1000, 1000],
};
const where = (f: { url: string }) => f.url.replace('file:///app/', '');

describe('cpuprofile.Profile', () => {
  it('selfTime: by package, and only within the window', () => {
    const p = new Profile(data, where);
    expect(p.selfTime('package')).toEqual([
      { label: 'string-width', ms: 2 },
      { label: '(idle)', ms: 1 },
      { label: 'src/main.ts', ms: 1 },
      { label: 'ink', ms: 1 },
    ]);
    expect(p.selfTime('function', 2, 4)).toEqual([
      { label: 'render node_modules/ink/build/ink.js', ms: 1 },
      { label: 'measure node_modules/string-width/index.js', ms: 1 },
    ]);
  });

  it('firstSeen: when a function is first on a sampled stack; null when never', () => {
    const p = new Profile(data, where);
    expect(p.firstSeen('render')).toBe(2);
    expect(p.firstSeen('main')).toBe(1);
    expect(p.firstSeen('nowhere')).toBeNull();
  });

  it('stacksThrough: the stacks holding a function, with their time', () => {
    const [only, ...rest] = new Profile(data, where).stacksThrough('measure');
    expect(rest).toEqual([]);
    expect(only!.ms).toBe(2);
    expect(only!.label.split(' < ').map((f) => f.split(' ')[0])).toEqual(['measure', 'render', 'main', '(root)']);
  });
});

describe('cpuprofile.timeline', () => {
  it('puts two threads side by side by their start times', () => {
    const later = { ...data, startTime: data.startTime + 3000 };
    const rows = timeline([new Profile(data, where), new Profile(later, where)], 3);
    expect(rows.map((r) => r.fromMs)).toEqual([0, 3, 6]);
    expect(rows[0]!.threads[1]!.top).toEqual([]);
    expect(rows[1]!.threads[0]!.top[0]).toEqual({ label: 'string-width', ms: 2 });
    expect(rows[1]!.threads[1]!.idleMs).toBe(1);
    expect(rows[2]!.threads[1]!.top[0]).toEqual({ label: 'string-width', ms: 2 });
  });
});

describe('cpuprofile.packageOf', () => {
  it('names the package of a dependency, scoped or not, and our own file otherwise', () => {
    expect(packageOf('node_modules/@xterm/headless/lib/x.js')).toBe('@xterm/headless');
    expect(packageOf('node_modules/ink/build/ink.js')).toBe('ink');
    expect(packageOf('src/ui/app.tsx')).toBe('src/ui/app.tsx');
    expect(packageOf('node:internal/modules/esm/utils')).toBe('node:internal');
  });
});
