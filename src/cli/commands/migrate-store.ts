// `syncdeck migrate-store --from FILE --to URL`: moves an SQLite database's history into
// PostgreSQL and prints how much of each kind was copied. A refusal (something running,
// a target holding other data) is exit 1 with the reason; nothing is written then.
// Through the on-demand opener, not src/db/index.ts: that imports both stores, and a store
// imported by one command as well as loaded on demand by the others is one more file for every start.
import { isPostgresUrl, loadStoreMover } from '../../db/open-store.js';
import type { ParsedArgs } from '../args.js';
import { CliError, usageError } from '../errors.js';
import { printJson } from '../output/json.js';

const PROGRESS_EVERY_MS = 5_000;

export async function migrateStoreCommand(args: ParsedArgs): Promise<number> {
  const { from, to } = args.options as { from: string; to: string };
  if (!isPostgresUrl(to))
    throw usageError('migrate-store: --to must be a postgres:// URL (the SQLite file goes in --from)');
  const { copySqliteToPostgres, CopyRefusedError } = await loadStoreMover();
  let lastProgress = Date.now();
  const progress = (label: string, copied: number, total: number) => {
    if (args.options.json || Date.now() - lastProgress < PROGRESS_EVERY_MS) return;
    lastProgress = Date.now();
    process.stderr.write(`syncdeck: copying ${label}: ${copied} of ${total}\n`);
  };
  try {
    const report = await copySqliteToPostgres(from, to, progress);
    if (args.options.json) printJson(report);
    else {
      const width = Math.max(...Object.keys(report.copied).map((k) => k.length));
      const lines = Object.entries(report.copied).map(([label, n]) => {
        const earlier = report.alreadyThere[label] ?? 0;
        return `  ${label.padEnd(width)}  ${String(n).padStart(9)}${earlier > 0 ? `  (+${earlier} copied by an earlier, interrupted run)` : ''}`;
      });
      process.stdout.write(
        `copied ${report.from} into ${report.to}:\n${lines.join('\n')}\nverified: the target holds every run, log line, exchange and alert of the source\n`,
      );
    }
    return 0;
  } catch (err) {
    if (err instanceof CopyRefusedError) throw new CliError(1, `migrate-store: ${err.message}`);
    throw err;
  }
}
