// A clinic whose service and handler answer with terminal escapes, and one manual run
// of each of its tasks (so the diagnostics are stored): the material of the escape tests.
import { join } from 'node:path';
import { moduleHandler, task, writeClinic } from './clinic-config.js';
import { serveEscapes } from './escape-service.js';
import { runSyncdeck } from './syncdeck-process.js';

export interface EscapeRuns {
  config: string;
  db: string;
  sd: (...args: string[]) => ReturnType<typeof runSyncdeck>;
  /** The plain-text output of `syncdeck run TASK` for err (HTTP 500), raw (text body), mod (module). */
  runs: Record<'err' | 'raw' | 'mod', { id: number; code: number | null; stdout: string; stderr: string }>;
}

export async function escapeRuns(dir: string): Promise<EscapeRuns> {
  const service = await serveEscapes();
  const paths = writeClinic(dir, {
    services: [`{ id: evil, name: Evil, baseUrl: "${service.url}" }`],
    tasks: [
      task('err', '{ kind: http, path: /error }', { service: 'evil', every: 'interval: 1h' }),
      task('raw', '{ kind: http, path: /raw }', { service: 'evil', every: 'interval: 1h' }),
      task('mod', moduleHandler(join(process.cwd(), 'tests', 'fixtures', 'faults', 'escapes.mjs')), {
        service: 'evil',
        every: 'interval: 1h',
      }),
    ],
  });
  const sd = (...args: string[]) => runSyncdeck([...args, '--config', paths.config, '--db', paths.db]);
  const runs = {} as EscapeRuns['runs'];
  for (const id of ['err', 'raw', 'mod'] as const) {
    const r = await sd('run', id);
    const runId = /^run (\d+):/m.exec(r.stdout)?.[1];
    if (!runId) throw new Error(`syncdeck run ${id} printed no result: ${r.stdout}${r.stderr}`);
    runs[id] = { ...r, id: Number(runId) };
  }
  return { ...paths, sd, runs };
}
