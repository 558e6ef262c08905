// `history`'s filter values checked against what exists (issue 17): unknown ones are usage
// errors that list the known ones.
import { describe, expect, test } from 'vitest';
import { parseArgs } from '../../../src/cli/args.js';
import { CliError } from '../../../src/cli/errors.js';
import { checkHistoryFilters, type HistoryCatalog } from '../../../src/cli/history-filters.js';

const catalog: HistoryCatalog = {
  services: [
    { id: 'booking', name: 'Booking' },
    { id: 'telephony', name: 'Telephony' },
  ],
  types: ['calls', 'schedule'],
  tasks: [{ id: 'calls', name: 'Receive calls' }],
  users: ['scheduler', 'anna', 'olga'],
};
const formerUsers = new Set(['pavel']);
const check = (query: Parameters<typeof checkHistoryFilters>[0]) =>
  checkHistoryFilters(query, catalog, async (user) => formerUsers.has(user));

async function refusal(query: Parameters<typeof checkHistoryFilters>[0]): Promise<CliError> {
  const err = await check(query).then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(CliError);
  expect((err as CliError).exitCode).toBe(2);
  return err as CliError;
}

describe('checkHistoryFilters', () => {
  test('known values pass, and so does a user no longer in the config who started runs', async () => {
    await expect(
      check({ taskId: 'calls', service: 'booking', type: 'schedule', startedBy: 'scheduler' }),
    ).resolves.toBeUndefined();
    await expect(check({ startedBy: 'pavel' })).resolves.toBeUndefined();
    await expect(check({})).resolves.toBeUndefined();
  });

  test('each unknown value names the option and the known values', async () => {
    expect((await refusal({ service: 'nosuch' })).message).toBe(
      '--service: no service "nosuch" (services: booking, telephony)',
    );
    expect((await refusal({ taskId: 'upload' })).message).toBe('--task: no task "upload" (tasks: calls)');
    expect((await refusal({ type: 'leads' })).message).toBe('--type: no task type "leads" (types: calls, schedule)');
    expect((await refusal({ startedBy: 'ivan' })).message).toBe('--by: no user "ivan" (users: scheduler, anna, olga)');
  });
});

describe('--since / --until', () => {
  const NOW = new Date(2026, 11, 1, 9, 30).getTime();
  test('resolve to times when parsed, a span back from the time of parsing', () => {
    const { options } = parseArgs(['history', '--since', '2026-11-30 02:00', '--until=90m', '--by', 'anna'], NOW);
    expect(options).toMatchObject({
      since: new Date(2026, 10, 30, 2, 0).getTime(),
      until: NOW - 90 * 60_000,
      by: 'anna',
    });
  });

  test('a bad WHEN names the option and the accepted forms', () => {
    expect(() => parseArgs(['history', '--since', 'yesterday'], NOW)).toThrow(
      /^--since: "yesterday" is not a time \(use a date \(2026-11-30\), a date and time .* or a span back from now \(90m, 2h, 7d\)\)$/,
    );
  });

  // The bundle's answer to the same mistakes (exit 2, one line) is in tests/integration/fuzz/cli-flags.test.ts.
  test.each([
    [['history', '--since', 'last night'], '--since: "last night" is not a time (use a date (2026-11-30)'],
    [['history', '--until=25:00'], '--until: "25:00" is not a time'],
    [['history', '--until', '2026-02-30'], '--until: "2026-02-30" is not a time'],
    [['history', '--since', '1h', '--until', '2h'], 'history: --since (1h) is not before --until (2h)'],
    [['history', '--by', ''], '--by needs a non-empty value'],
    [['status', '--since', '2h'], 'status: option --since does not apply to this command'],
    [['status', '--by', 'anna'], 'status: option --by does not apply to this command'],
  ])('%j: a usage error', (argv, says) => {
    let err: unknown = null;
    try {
      parseArgs(argv, NOW);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(CliError);
    expect((err as CliError).exitCode).toBe(2);
    expect((err as CliError).message).toContain(says);
  });
});
