// What one run of the built-in `http` handler costs its process: a service in a child
// process answers a 1 KB JSON list; after 300 runs of warm-up, N runs one after another
// through the handler with its run context (the recorder too: diagnostics on with
// --diagnostics, as a manual run; off otherwise, as a scheduled one). CPU time of this
// process only (the service is the child's), RSS and heap, and whether undici was loaded
// (BENCHMARKS.md, "Where it goes", session 7).
//
//   npx tsx bench/profile/http-handler-cost.ts [N=2000] [--diagnostics] [--src DIR]
//
// --src runs another checkout's sources (such as /work/main/src: its handler on fetch) for
// an A/B on the same machine; its context is built from what that checkout has.
import { fork } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { diagnostics: { type: 'boolean', default: false }, src: { type: 'string', default: 'src' } },
});
const n = Number(positionals[0] ?? 2_000);
const src = resolve(values.src);

interface Requests {
  fetch: typeof fetch;
  http?: unknown;
  settled(): Promise<void>;
}
type Handler = (ctx: Record<string, unknown>) => Promise<unknown>;
const load = async <T>(file: string): Promise<T> => (await import(pathToFileURL(join(src, file)).href)) as T;

const { handlerSchema } = await load<{ handlerSchema: { parse: (v: unknown) => { kind: string } } }>(
  'config/handlers.ts',
);
// The handler itself, not handlers/index.ts: under tsx every import() (which the index makes per run) is a
// round trip to the loader thread, which the bundle does not pay.
const { httpHandler } = await load<{ httpHandler: Handler }>('engine/handlers/http.ts');
const { createConfigRedactor } = await load<{ createConfigRedactor: (c: unknown) => unknown }>(
  'engine/diagnostics/redact.ts',
);
type Recording = typeof fetch & { settled(): Promise<void> };
const makeRequests: (options: Record<string, unknown>) => Requests = existsSync(
  join(src, 'engine/diagnostics/run-recorder.ts'),
)
  ? (await load<{ createRunRecorder: (o: unknown) => Requests }>('engine/diagnostics/run-recorder.ts'))
      .createRunRecorder
  : fetchOnly(
      (await load<{ createRecordingFetch: (o: unknown) => Recording }>('engine/diagnostics/recording-fetch.ts'))
        .createRecordingFetch,
    );

/** A checkout before the node:http client: the handler's context has the recording fetch only. */
function fetchOnly(create: (o: unknown) => Recording): (options: Record<string, unknown>) => Requests {
  return (options) => {
    const fetch = create(options);
    return { fetch, settled: () => fetch.settled() };
  };
}

// The service, in its own process so that its CPU is not counted here.
const SERVICE = `const body = JSON.stringify({ items: Array.from({ length: 20 }, (_, id) => ({ id, name: 'x'.repeat(30) })) });
const s = require('node:http').createServer((_q, r) => { r.writeHead(200, { 'content-type': 'application/json' }); r.end(body); });
s.listen(0, '127.0.0.1', () => process.send(s.address().port));`;
const child = fork('-e', [SERVICE], { execArgv: [], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
child.unref();
const port = await new Promise<number>((ok) => child.once('message', (m) => ok(Number(m))));
child.channel?.unref();

const service = { id: 'svc', name: 'Service', baseUrl: `http://127.0.0.1:${port}` };
const handler = handlerSchema.parse({ kind: 'http', path: '/items', items: 'items' });
const task = { id: 't', name: 'T', type: 'calls', service: 'svc', timeout: 60_000, handler };
const redactor = createConfigRedactor({ secrets: [], services: [service] });
const run = httpHandler;
let recorded = 0;

async function once(): Promise<void> {
  const requests = makeRequests({
    record: values.diagnostics ? () => recorded++ : null,
    redactor,
    maxBodyBytes: 64 * 1024,
  });
  const ctx = {
    signal: new AbortController().signal,
    progress: () => {},
    log: () => {},
    warn: () => {},
    fetch: requests.fetch,
    http: requests.http,
    state: { get: () => undefined, set: () => {} },
    task,
    service,
    handler,
    runId: 1,
    trigger: 'schedule',
    secrets: [],
    limits: { maxBodyBytes: 64 * 1024, stopGraceMs: 5_000 },
  };
  await run(ctx);
  await requests.settled();
}

const mb = (bytes: number) => (bytes / 1e6).toFixed(0);
const first0 = process.cpuUsage();
for (let i = 0; i < 20; i++) await once();
const first = process.cpuUsage(first0);
for (let i = 0; i < 280; i++) await once();
const rss0 = process.memoryUsage().rss;
const cpu0 = process.cpuUsage();
for (let i = 0; i < n; i++) await once();
const cpu = process.cpuUsage(cpu0);
// Node's list of the internal modules it loaded (not in @types/node).
const loaded = (process as unknown as { moduleLoadList: string[] }).moduleLoadList;
const undici = loaded.some((m) => m.includes('undici'));
console.log(
  `${values.src}${values.diagnostics ? ' (diagnostics)' : ''}: ${((cpu.user + cpu.system) / n / 1000).toFixed(3)} ms of CPU per run, ` +
    `first 20 runs ${((first.user + first.system) / 1000).toFixed(0)} ms, RSS ${mb(rss0)} -> ${mb(process.memoryUsage().rss)} MB, ` +
    `heap ${mb(process.memoryUsage().heapUsed)} MB, undici ${undici ? 'loaded' : 'not loaded'}` +
    `${values.diagnostics ? `, ${recorded} exchanges recorded` : ''}`,
);
child.kill();
