// The real `syncdeck` (the built bundle) as a child process, with its JSON-lines log.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach } from 'vitest';

export const BIN = join(process.cwd(), 'bin', 'syncdeck.js');

export interface SyncdeckProcess {
  child: ChildProcess;
  lines: Record<string, unknown>[];
  stderr: string[];
  /** Resolves with the first log line (past or future) that matches. */
  waitFor(match: (line: Record<string, unknown>) => boolean, what?: string): Promise<Record<string, unknown>>;
  /** Resolves with the first stderr line (past or future) that matches. */
  waitForStderr(match: RegExp): Promise<string>;
  exited: Promise<number | null>;
}

const started = new Set<ChildProcess>();
// A test that fails half-way must not leave an engine running for the rest of the test run.
afterEach(() => {
  for (const child of started) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  started.clear();
});

export function startSyncdeck(args: string[], env: Record<string, string> = {}): SyncdeckProcess {
  const child = spawn(process.execPath, [BIN, ...args], {
    env: { ...process.env, CI: 'true', NO_COLOR: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  started.add(child);
  const lines: Record<string, unknown>[] = [];
  const stderr: string[] = [];
  const waiters: { match: (l: Record<string, unknown>) => boolean; resolve: (l: Record<string, unknown>) => void }[] =
    [];
  createInterface({ input: child.stdout }).on('line', (text) => {
    let line: Record<string, unknown>;
    try {
      line = JSON.parse(text) as Record<string, unknown>;
    } catch {
      line = { text };
    }
    lines.push(line);
    for (const w of [...waiters]) {
      if (w.match(line)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(line);
      }
    }
  });
  const stderrWaiters: { match: RegExp; resolve: (l: string) => void }[] = [];
  createInterface({ input: child.stderr }).on('line', (l) => {
    stderr.push(l);
    for (const w of [...stderrWaiters]) {
      if (w.match.test(l)) {
        stderrWaiters.splice(stderrWaiters.indexOf(w), 1);
        w.resolve(l);
      }
    }
  });
  // 'close', not 'exit': only then has every byte of stdout and stderr been read.
  const exited = once(child, 'close').then(([code]) => code as number | null);
  return {
    child,
    lines,
    stderr,
    exited,
    waitFor(match, what = 'a log line') {
      const seen = lines.find(match);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        waiters.push({ match, resolve });
        void exited.then((code) =>
          reject(new Error(`syncdeck exited (${code}) before ${what}; stderr: ${stderr.join('\n')}`)),
        );
      });
    },
    waitForStderr(match) {
      const seen = stderr.find((l) => match.test(l));
      if (seen !== undefined) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        stderrWaiters.push({ match, resolve });
        void exited.then((code) =>
          reject(
            new Error(`syncdeck exited (${code}) before a stderr line like ${match}; stderr: ${stderr.join('\n')}`),
          ),
        );
      });
    },
  };
}

/** Runs a syncdeck command to completion. */
export async function runSyncdeck(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [BIN, ...args], {
    env: { ...process.env, CI: 'true', NO_COLOR: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const [code] = (await once(child, 'close')) as [number | null];
  return { code, stdout, stderr };
}

export const isEvent = (event: string, taskId?: string) => (l: Record<string, unknown>) =>
  l.event === event && (taskId === undefined || (l.run as { taskId?: string } | undefined)?.taskId === taskId);
