// The argument parser under random argv, in-process: it parses or refuses with a usage
// error (exit 2), never anything else. The bundle's answers to wrong flags are in
// tests/integration/fuzz/cli-flags.test.ts.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { COMMANDS, parseArgs } from '../../src/cli/args.js';
import { CliError } from '../../src/cli/errors.js';

describe('the argument parser under random argv', () => {
  const token = fc.oneof(
    fc.constantFrom(
      ...COMMANDS,
      '--json',
      '--limit',
      '--before',
      '--lang',
      '--outcome',
      '--errors',
      '--task',
      '--user',
      '--config',
      '--db',
      '--no-color',
      '--help',
      '-h',
      '--',
      '-',
      '--=',
      '--limit=',
      '--x',
      '-1',
      '0',
      '1',
      'en',
      'ru',
      'error',
      '',
      '--since',
      '--until',
      '--by',
      '2h',
      '2026-11-30',
      '2026-11-30 02:00',
    ),
    fc.string({ unit: 'binary', maxLength: 10 }),
  );
  it('parses or refuses with a usage error (exit 2), and never throws anything else', () => {
    fc.assert(
      fc.property(fc.array(token, { maxLength: 8 }), (argv) => {
        try {
          const parsed = parseArgs(argv);
          expect(COMMANDS).toContain(parsed.command);
          if (parsed.options.limit !== undefined)
            expect(Number.isSafeInteger(parsed.options.limit) && parsed.options.limit > 0).toBe(true);
          if (parsed.options.before !== undefined)
            expect(Number.isSafeInteger(parsed.options.before) && parsed.options.before > 0).toBe(true);
          if (parsed.options.lang !== undefined) expect(['en', 'ru']).toContain(parsed.options.lang);
          if (parsed.options.since !== undefined) expect(Number.isFinite(parsed.options.since)).toBe(true);
          if (parsed.options.since !== undefined && parsed.options.until !== undefined)
            expect(parsed.options.since).toBeLessThan(parsed.options.until);
        } catch (err) {
          expect(err).toBeInstanceOf(CliError);
          expect((err as CliError).exitCode).toBe(2);
        }
      }),
      { numRuns: 2_000 },
    );
  });
});
