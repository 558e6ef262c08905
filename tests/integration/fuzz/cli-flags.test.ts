// Command-line flags of the wrong type or unknown, through the real bundle: exit 2, a
// message that names the flag, and nothing opened or written. The parser itself is fuzzed
// in-process in tests/fuzz/cli-args.property.test.ts.
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runSyncdeck } from '../../helpers/syncdeck-process.js';
import { useTempDir } from '../../helpers/temp-dir.js';

const dir = useTempDir('syncdeck-flags-');

/** args → the text the message must contain. */
const WRONG: [string[], string][] = [
  [['history', '--limit', 'abc'], '--limit: "abc" is not a positive whole number'],
  [['history', '--limit', '0'], '--limit: "0" is not a positive whole number'],
  [['history', '--limit', '1.5'], '--limit: "1.5" is not a positive whole number'],
  [['history', '--limit', '99999999999999999999'], '--limit: "99999999999999999999" is not a positive whole number'],
  [['history', '--limit=-3'], '--limit: "-3" is not a positive whole number'],
  [['history', '--limit'], '--limit needs a value'],
  [['history', '--before', '-1'], '--before: "-1" is not a positive whole number'],
  [['history', '--before', 'x1'], '--before: "x1" is not a positive whole number'],
  [['status', '--lang', 'de'], '--lang: "de" is not a language (use en or ru)'],
  [['history', '--outcome', 'x'], '--outcome: "x" is not an outcome'],
  [['history', '--errors', '--outcome', 'error'], 'give --errors or --outcome, not both'],
  [
    ['history', '--since', '2026-11-30', '--until', '2026-11-29'],
    'history: --since (2026-11-30) is not before --until (2026-11-29)',
  ],
  [['status', '--frobnicate'], 'unknown option --frobnicate'],
  [['status', '-x'], 'unknown option -x'],
  [['status', '--no-color=yes'], '--no-color takes no value'],
  [['stop', 'calls', '--json'], 'stop: option --json does not apply to this command'],
  [['status', '--limit', '5'], 'status: option --limit does not apply to this command'],
  [['status', '--user', ''], '--user needs a non-empty value'],
  [['status', '--db', ' '], '--db needs a non-empty value'],
  [['show', 'abc'], 'show: "abc" is not a run id'],
  [['run'], 'run: missing TASK'],
  [['pause', 'a', 'b'], 'pause: unexpected argument "b"'],
  [['frobnicate'], 'unknown command "frobnicate"'],
];

describe('command-line flags of the wrong type', () => {
  it('exit 2 with the flag named, before any database is opened', { timeout: 60_000 }, async () => {
    const config = join(dir(), 'clinic.yaml');
    writeFileSync(
      config,
      'services:\n  - { id: telephony, name: Telephony }\ntasks:\n  - { id: calls, name: Calls, type: calls, service: telephony, role: r, interval: 1m, handler: { kind: http, path: / } }\n',
    );
    const db = join(dir(), 'never.db');
    // The test's own options first: a later --db or --user (the wrong one) wins.
    const results = await Promise.all(WRONG.map(([args]) => runSyncdeck(['--config', config, '--db', db, ...args])));
    WRONG.forEach(([args, says], i) => {
      const r = results[i]!;
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stdout, args.join(' ')).toBe('');
      expect(r.stderr.trimEnd().split('\n'), args.join(' ')).toEqual([expect.stringContaining(says)]);
      expect(r.stderr).toMatch(/^syncdeck: /);
    });
    expect(existsSync(db)).toBe(false);
  });
});
