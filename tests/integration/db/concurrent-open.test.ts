// Issue 2: "two processes opening a new database at the same moment must both succeed".
// Several real processes are started, wait until each has loaded the db layer, and are
// then told to open the same new file in the same instant; this repeats for several files.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createInterface } from 'node:readline';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { journalEntries } from '../../helpers/db-fixtures.js';
import { useTempDir } from '../../helpers/temp-dir.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const WORKER = join(ROOT, 'tests/fixtures/open-db-worker.ts');
const WORKERS = 6;
const ROUNDS = 8;

interface Answer {
  worker: string;
  file: string;
  ok: boolean;
  tasks?: string[];
  error?: string;
  code?: string | null;
}

interface Worker {
  child: ChildProcessWithoutNullStreams;
  /** Resolves with the next line the worker prints. */
  nextLine(): Promise<string>;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>;
}

function startWorker(name: string): Worker {
  const child = spawn(process.execPath, ['--import', 'tsx', WORKER, name], {
    cwd: ROOT,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => (stderr += chunk));
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal, stderr })),
  );
  const pending: ((line: string) => void)[] = [];
  const buffered: string[] = [];
  createInterface({ input: child.stdout }).on('line', (line) => {
    const waiter = pending.shift();
    if (waiter) waiter(line);
    else buffered.push(line);
  });
  const nextLine = () =>
    new Promise<string>((resolve, reject) => {
      const line = buffered.shift();
      if (line !== undefined) return resolve(line);
      pending.push(resolve);
      void exit.then(({ code, stderr: err }) =>
        reject(new Error(`worker ${name} exited (${code}) before answering: ${err}`)),
      );
    });
  return { child, nextLine, exit };
}

function migrationCount(file: string): number {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return (db.prepare('SELECT count(*) AS n FROM __drizzle_migrations').get() as { n: number }).n;
  } finally {
    db.close();
  }
}

const dir = useTempDir('syncdeck-concurrent-');
let workers: Worker[] = [];

afterEach(async () => {
  for (const w of workers) if (w.child.exitCode === null && w.child.signalCode === null) w.child.kill('SIGKILL');
  await Promise.all(workers.map((w) => w.exit));
  workers = [];
});

describe('concurrent first open', () => {
  it(`${WORKERS} processes opening the same new database at once all succeed, and the schema is applied once`, async () => {
    workers = Array.from({ length: WORKERS }, (_, i) => startWorker(String(i)));
    // Start barrier: every worker has loaded tsx, drizzle and better-sqlite3.
    expect(await Promise.all(workers.map((w) => w.nextLine()))).toEqual(Array(WORKERS).fill('ready'));

    const expectedMigrations = journalEntries().length;
    expect(expectedMigrations).toBeGreaterThan(0);
    for (let round = 0; round < ROUNDS; round++) {
      const file = join(dir(), `round-${round}.db`);
      const answers = workers.map((w) => w.nextLine());
      for (const w of workers) w.child.stdin.write(`go ${file}\n`); // the same instant, as near as one thread gets
      const results = (await Promise.all(answers)).map((line) => JSON.parse(line) as Answer);

      expect(results.filter((r) => !r.ok)).toEqual([]);
      for (const r of results) expect(r).toMatchObject({ file, ok: true, tasks: ['t1'] });
      expect(migrationCount(file)).toBe(expectedMigrations);

      const db = new Database(file, { readonly: true, fileMustExist: true });
      try {
        expect((db.prepare('SELECT count(*) AS n FROM instances').get() as { n: number }).n).toBe(WORKERS);
        expect((db.prepare('SELECT count(*) AS n FROM tasks').get() as { n: number }).n).toBe(1);
      } finally {
        db.close();
      }
    }

    for (const w of workers) w.child.stdin.end();
    const exits = await Promise.all(workers.map((w) => w.exit));
    for (const e of exits) expect(e).toEqual({ code: 0, signal: null, stderr: '' });
  });
});
