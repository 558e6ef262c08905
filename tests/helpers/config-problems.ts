// What the config loader says about a text: nothing (it loaded) or its problem lines,
// which must each be one `label:line: message` line. Anything thrown but a ConfigError
// fails the calling test.
import { expect } from 'vitest';
import { ConfigError, parseConfigText } from '../../src/config/load.js';

export const LABEL = 'fuzz.yaml';

export function problemsOf(text: string, options: { baseDir: string; env?: Record<string, string> }): string[] | null {
  try {
    parseConfigText(text, {
      baseDir: options.baseDir,
      source: `${options.baseDir}/${LABEL}`,
      label: LABEL,
      env: options.env ?? {},
    });
    return null;
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
}

/** Every problem is one line, `fuzz.yaml:N: …`, with N a line of the text (or the line after its last). */
export function expectWellFormed(problems: string[], text: string): void {
  expect(problems.length).toBeGreaterThan(0);
  const lines = text.split('\n').length;
  for (const p of problems) {
    expect(p).not.toMatch(/[\n\r]/);
    const m = /^fuzz\.yaml:(\d+): ./.exec(p);
    expect(m, p).not.toBeNull();
    const line = Number(m![1]);
    expect(line).toBeGreaterThanOrEqual(1);
    expect(line).toBeLessThanOrEqual(lines + 1);
  }
}
