import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { firstFrame } from './lib/dashboard.js';
import { generateDataset } from './lib/dataset.js';
import { sleep } from './lib/timing.js';
const dir = '/tmp/h13/scratch2'; mkdirSync(dir, { recursive: true });
const db = join(dir, 'screen.db');
const CONTROLLED_MODULE = fileURLToPath(new URL('./fixtures/controlled.mjs', import.meta.url));
const ds = await generateDataset(db, { runs: 20000, tasks: 30, services: 6, customize: (defs) => { const d = defs.tasks[0]!; d.role = 'admin'; d.interval = '1h'; d.maxInterval = '4h'; d.handler = { kind: 'module', module: CONTROLLED_MODULE, options: { control: join(dir, 'progress.ctl') } }; } });
const raw = new Database(db); raw.prepare('UPDATE tasks SET paused = 1 WHERE id = ?').run(ds.defs.tasks[0]!.id);
const start = await firstFrame(db, ds.config, dir);
const s = start.session;
await s.waitQuiet(1000, 6000);
for (let i = 0; i < 5; i++) {
  const n = s.chunks.length;
  process.env.BENCH_PTY_LOG = `/tmp/h13/k${i}.bin`; writeFileSync(`/tmp/h13/k${i}.bin`, '');
  const before = s.screen.text();
  s.write('j');
  await sleep(1200);
  delete process.env.BENCH_PTY_LOG;
  writeFileSync(`/tmp/h13/k${i}.before.txt`, before); writeFileSync(`/tmp/h13/k${i}.after.txt`, s.screen.text());
  console.log('j', i, s.chunks.slice(n).map((c) => `${c.bytes}@${Math.round(c.at)}`).join(' '));
}
await s.stop('q');
