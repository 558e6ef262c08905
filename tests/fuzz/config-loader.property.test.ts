// Property-based tests of the config loader: random YAML, random values in every field,
// random edits of a good file, deep nesting and alias tricks. Whatever the input, the
// loader returns a config or throws a ConfigError of well-formed `file:line:` lines,
// never shows a ${ENV} secret, and never writes a file.
import fc from 'fast-check';
import { stringify as toYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import { listDir } from '../helpers/files.js';
import { expectWellFormed, problemsOf } from '../helpers/config-problems.js';
import { useTempDir } from '../helpers/temp-dir.js';

const dir = useTempDir('syncdeck-fuzz-');
const SECRET = 'fuzz-s3cr3t-7f2a9c';
const env = { TOKEN: SECRET };
/** No anchors for repeated objects: the loader refuses more than 100 aliases, and that is not what these tests are about. */
const stringify = (value: unknown) => toYaml(value, { aliasDuplicateObjects: false });

/** Loads `text`; checks the problems if it was refused; returns them (null when it loaded). */
function check(text: string): string[] | null {
  const problems = problemsOf(text, { baseDir: dir(), env });
  if (problems) {
    expectWellFormed(problems, text);
    expect(problems.join('\n')).not.toContain(SECRET);
  }
  return problems;
}

const GOOD = {
  historyDays: 30,
  retention: { network: '2d', success: '7d' },
  engine: { maxConcurrentRuns: 2, leaseTtl: '30s', heartbeat: '5s', stopGrace: '5s', purgeSchedule: '17 * * * *' },
  diagnostics: { maxBodyBytes: 65536 },
  users: [{ name: 'anna', roles: ['admin'], permissions: ['integration-settings'] }],
  services: [
    {
      id: 'telephony',
      name: 'Telephony',
      baseUrl: 'http://127.0.0.1:8081',
      auth: { type: 'bearer', token: '${TOKEN}' },
      requestTimeout: '10s',
    },
  ],
  tasks: [
    {
      id: 'calls',
      name: 'Calls',
      type: 'calls',
      service: 'telephony',
      role: 'admin',
      interval: '1m',
      maxInterval: '30m',
      timeout: '2m',
      diagnostics: 'manual',
      handler: { kind: 'http', method: 'GET', path: '/calls', items: 'items', paging: { next: 'next', maxPages: 5 } },
    },
    {
      id: 'export',
      name: 'Export',
      type: 'schedule',
      service: 'telephony',
      role: 'admin',
      schedule: '0 3 * * *',
      retryInterval: '1m',
      handler: { kind: 'command', command: 'true', args: ['--since', 'yesterday'] },
    },
  ],
};

/** Every path into GOOD, leaves and branches: a mutation may hit any of them. */
function pathsOf(value: unknown, path: (string | number)[] = []): (string | number)[][] {
  const out = path.length ? [path] : [];
  if (Array.isArray(value)) value.forEach((v, i) => out.push(...pathsOf(v, [...path, i])));
  else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) out.push(...pathsOf(v, [...path, k]));
  return out;
}
const PATHS = pathsOf(GOOD);

function setPath(root: unknown, path: (string | number)[], value: unknown): unknown {
  const copy = structuredClone(root) as Record<string | number, unknown>;
  let node = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  const last = path[path.length - 1]!;
  if (value === undefined) delete node[last];
  else node[last] = value;
  return copy;
}

const durationish = fc
  .tuple(
    fc.oneof(fc.integer({ min: -5, max: 100_000 }), fc.double()),
    fc.constantFrom('s', 'm', 'h', 'd', 'ms', 'w', '', ' minutes'),
  )
  .map(([n, u]) => `${n}${u}`);
const cronish = fc
  .array(fc.constantFrom('*', '*/5', '0', '61', '1-5', 'MON', '?', 'L', '3,4', '-1', 'x'), {
    minLength: 1,
    maxLength: 7,
  })
  .map((f) => f.join(' '));
const anyValue = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  durationish,
  cronish,
  fc.constantFrom(
    undefined,
    null,
    '',
    '${TOKEN}',
    '${MISSING}',
    `x\${TOKEN}y`,
    'ftp://x',
    'http://',
    'module',
    'command',
    'ftp',
    -1,
    0,
    1e308,
    Number.NaN,
  ),
);

const TOKENS = [
  'services:',
  'tasks:',
  'users:',
  'engine:',
  'handler:',
  'kind: http',
  'id: a',
  'name: A',
  '- ',
  '  ',
  '\n',
  '\n  ',
  ': ',
  '{',
  '}',
  '[',
  ']',
  ',',
  '&a ',
  '*a',
  '<<: *a',
  '!!str ',
  '!!binary ',
  '!tag ',
  '"',
  "'",
  '# c',
  '|',
  '>-',
  '---',
  '...',
  '? ',
  '%YAML 1.2\n',
  '${TOKEN}',
  '\t',
  'interval: 5 minutes',
  'schedule: "61 * * * *"',
  '\u0000',
  '\ufeff',
  '\u001b[2J',
];
const yamlish = fc
  .array(fc.oneof(fc.constantFrom(...TOKENS), fc.string({ unit: 'binary', maxLength: 8 })), { maxLength: 80 })
  .map((parts) => parts.join(''));

describe('the config loader under random input', () => {
  it('random YAML-like text: a config or well-formed problems, nothing else', () => {
    fc.assert(
      fc.property(yamlish, (text) => void check(text)),
      { numRuns: 300 },
    );
  });

  it('a random value in any field of a good config', () => {
    expect(check(stringify(GOOD))).toBeNull();
    fc.assert(
      fc.property(fc.constantFrom(...PATHS), anyValue, (path, value) => {
        const problems = check(stringify(setPath(GOOD, path, value)));
        // A problem is reported at a line of the file, and a missing ${ENV} always is one.
        if (value === '${MISSING}')
          expect(problems?.some((p) => p.includes('environment variable MISSING is not set'))).toBe(true);
      }),
      { numRuns: 400 },
    );
  });

  it('an unknown field anywhere is refused, named by its path', () => {
    const branches = PATHS.filter((p) => {
      const v = p.reduce<unknown>((node, k) => (node as Record<string | number, unknown>)[k], GOOD);
      return (
        v !== null &&
        typeof v === 'object' &&
        !Array.isArray(v) &&
        !['retention', 'auth'].includes(String(p[p.length - 1]))
      );
    });
    fc.assert(
      fc.property(fc.constantFrom(...branches), fc.stringMatching(/^[a-z][a-zA-Z]{2,12}$/), (path, key) => {
        const node = path.reduce<unknown>((n, k) => (n as Record<string | number, unknown>)[k], GOOD) as Record<
          string,
          unknown
        >;
        fc.pre(
          !(key in node) &&
            ![
              'interval',
              'schedule',
              'maxInterval',
              'retryInterval',
              'headers',
              'query',
              'body',
              'total',
              'totalPages',
              'rejected',
              'errorField',
              'cursor',
              'cursorParam',
              'resume',
              'maxResponseBytes',
              'maxRedirects',
              'env',
              'cwd',
              'enabled',
              'database',
              'options',
            ].includes(key),
        );
        const problems = check(stringify(setPath(GOOD, [...path, key], 1)));
        expect(problems?.some((p) => p.includes(`unknown field "${key}"`))).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('random edits of a good file', () => {
    const good = stringify(GOOD);
    const edit = fc.record({
      at: fc.nat({ max: good.length }),
      remove: fc.nat({ max: 6 }),
      insert: fc.oneof(fc.constantFrom(...TOKENS), fc.string({ unit: 'binary', maxLength: 4 })),
    });
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 6 }), (edits) => {
        const text = edits.reduce((t, e) => t.slice(0, e.at) + e.insert + t.slice(e.at + e.remove), good);
        check(text);
      }),
      { numRuns: 300 },
    );
  });

  it('deep nesting, flow or block, is refused with a line, without overflowing the stack', () => {
    const nested = fc
      .tuple(fc.integer({ min: 1, max: 3_000 }), fc.constantFrom('seq', 'map', 'block'))
      .map(([depth, kind]) => {
        if (kind === 'seq') return `services: ${'['.repeat(depth)}${']'.repeat(depth)}\n`;
        if (kind === 'map') return `services: ${'{a: '.repeat(depth)}1${'}'.repeat(depth)}\n`;
        return `services:\n${Array.from({ length: depth }, (_, i) => `${' '.repeat(i + 1)}- `).join('\n')}x\n`;
      });
    fc.assert(
      fc.property(nested, (text) => {
        expect(check(text)).not.toBeNull();
      }),
      { numRuns: 40 },
    );
  });

  it('aliases: bombs, merges and self-references are refused; plain reuse loads', () => {
    const aliasy = fc
      .tuple(fc.integer({ min: 1, max: 8 }), fc.integer({ min: 1, max: 12 }), fc.boolean(), fc.boolean())
      .map(([levels, width, merge, selfRef]) => {
        const rows = ['l0: &l0 {x: 1}'];
        for (let i = 1; i <= levels; i++) {
          const refs = Array(width)
            .fill(`*l${i - 1}`)
            .join(', ');
          rows.push(merge ? `l${i}: &l${i} {<<: [${refs}]}` : `l${i}: &l${i} [${refs}]`);
        }
        if (selfRef) rows.push('loop: &loop [1, *loop]');
        return `${rows.join('\n')}\nservices: [{ id: a, name: A }]\n`;
      });
    fc.assert(
      fc.property(aliasy, (text) => {
        expect(check(text)).not.toBeNull();
      }),
      { numRuns: 100 },
    );
    expect(check('svc: &svc { id: a, name: A }\nservices: [*svc]\n')).toEqual([
      'fuzz.yaml:1: svc: unknown field "svc"',
    ]);
    expect(check('loop: &loop [1, *loop]\nservices: [{ id: a, name: A }]\n')).toEqual([
      'fuzz.yaml:1: loop[1]: contains itself (a YAML alias inside its own anchor)',
    ]);
  });

  it('huge files: a 3 MiB comment, a 2 MiB value, a thousand broken tasks', () => {
    const good = stringify(GOOD);
    const comment = `# ${'x'.repeat(3 * 1024 * 1024)}\n${good}historyDays: 1\n`;
    expect(check(comment)).toEqual([
      `fuzz.yaml:${comment.split('\n').length - 1}: YAML syntax error: Map keys must be unique`,
    ]);
    const value = stringify(setPath(GOOD, ['services', 0, 'name'], 'n'.repeat(2 * 1024 * 1024)));
    const [tooLong] = check(value)!;
    expect(tooLong).toMatch(/^fuzz\.yaml:\d+: services\[0\]\.name: "n{40}…" is too large \(maximum 200\)$/);
    const tasks = Array.from({ length: 1000 }, (_, i) => ({ ...GOOD.tasks[0], id: `t${i}`, interval: `${i} minutes` }));
    expect(check(stringify({ ...GOOD, tasks }))).toHaveLength(1000);
  });

  it('writes nothing: the directory it reads from stays as it was', () => {
    const before = listDir(dir());
    fc.assert(
      fc.property(
        fc.constantFrom(...PATHS),
        anyValue,
        (path, value) => void check(stringify(setPath(GOOD, path, value))),
      ),
      { numRuns: 50 },
    );
    expect(listDir(dir())).toEqual(before);
  });
});
