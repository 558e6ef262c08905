// Child process for the memory figure: an engine over the 1M database, as the dashboard
// holds one, paging through the history the way the history screen would (every filter,
// PgDn 200 times, End) and opening a run's details; prints its memory as one JSON line.
// Bundled like the product (production, one file) by lib/bundle.ts before it runs.
import { openEngine } from './lib/engine-harness.js';

const [db, config, taskId, serviceId] = process.argv.slice(2) as [string, string, string, string];
const mb = (bytes: number) => Math.round((bytes / 1048576) * 10) / 10;

const b = await openEngine(db, config, { start: true });
await b.engine.snapshot();
const baselineMb = mb(process.memoryUsage().rss);
let pages = 0;
const filters = [{}, { outcome: 'errors' as const }, { taskId }, { service: serviceId }, { type: 'leads' }];
for (const f of filters) {
  let rows = await b.engine.history({ ...f, limit: 50 });
  pages++;
  for (let i = 0; i < 200 && rows.length > 0; i++) {
    rows = await b.engine.history({ ...f, limit: 50, beforeId: rows.at(-1)!.id });
    pages++;
  }
  const oldest = await b.engine.history({ ...f, limit: 50, oldest: true });
  pages++;
  if (oldest[0]) await b.engine.runDetails(oldest[0].id);
  await b.engine.countHistory(f, 10_000);
}
const peakMb = Math.round((process.resourceUsage().maxRSS / 1024) * 10) / 10;
process.stdout.write(
  JSON.stringify({
    baselineMb,
    peakMb,
    rssMb: mb(process.memoryUsage().rss),
    heapUsedMb: mb(process.memoryUsage().heapUsed),
    pages,
  }) + '\n',
);
await b.close();
