// `syncdeck COMMAND --help` and `syncdeck help COMMAND`: that command's usage, options and an
// example, not the global text (issue 17). The bundle prints it through src/cli/run-cli.ts
// (tests/e2e/cli.test.ts checks one command end to end).
import { describe, expect, test } from 'vitest';
import { COMMANDS, parseArgs } from '../../../src/cli/args.js';
import { CliError } from '../../../src/cli/errors.js';
import { USAGE, usageFor } from '../../../src/cli/usage.js';

/** What the CLI prints for these arguments when they ask for help. */
function helpFor(argv: string[]): string {
  const parsed = parseArgs(argv);
  expect(parsed.command).toBe('help');
  return usageFor(parsed.positionals[0]);
}

describe('per-command help', () => {
  test('history --help: its usage with --since/--until/--by, the WHEN forms and an example', () => {
    const history = helpFor(['history', '--help']);
    expect(history).toMatch(/^Usage: syncdeck history \[--task ID\]/);
    for (const text of [
      '--since WHEN',
      '--until WHEN',
      '--by USER',
      'Example:',
      'syncdeck history --since "2026-11-30 02:00"',
      '90m, 2h, 7d',
    ])
      expect(history).toContain(text);
    expect(history).not.toContain('syncdeck migrate-store');
    expect(helpFor(['help', 'history'])).toBe(history);
    expect(helpFor(['history', '-h', '--json'])).toBe(history);
  });

  test.each(COMMANDS.filter((c) => c !== 'help'))(
    '%s --help: that command, an example, not the global text',
    (command) => {
      const text = helpFor([command, '--help']);
      expect(text).toMatch(/^Usage: syncdeck /);
      expect(text).toContain('Example:');
      expect(text).not.toContain('Exit codes: 0 ok');
    },
  );

  test('run --help names its argument; --help alone and help help are the global text', () => {
    expect(helpFor(['run', '--help'])).toMatch(/^Usage: syncdeck run TASK \[--json\]/);
    expect(helpFor(['--help'])).toBe(USAGE);
    expect(USAGE).toContain('syncdeck COMMAND --help');
    expect(helpFor(['help', 'help'])).toBe(USAGE);
  });

  test('help for an unknown command is a usage error naming the commands', () => {
    let err: unknown = null;
    try {
      helpFor(['help', 'frobnicate']);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(CliError);
    expect((err as CliError).exitCode).toBe(2);
    expect((err as CliError).message).toContain('help: unknown command "frobnicate" (commands: ui, engine');
  });
});
