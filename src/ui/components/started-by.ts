// Who started a run, in words: the scheduler is named in the user's language ("по
// расписанию"), a user by their name (untrusted text: one line).
import { oneLine } from '../../engine/text/sanitize.js';
import { SCHEDULER, type RunSummary } from '../../engine/types.js';
import type { Catalogue } from '../i18n/index.js';

const byScheduler = (run: Pick<RunSummary, 'startedBy' | 'trigger'>) =>
  run.trigger === 'schedule' && run.startedBy === SCHEDULER;

/** The history's "Started by" cell: "scheduler" / "по расписанию", or the user. */
export function startedByCell(run: Pick<RunSummary, 'startedBy' | 'trigger'>, t: Catalogue): string {
  return byScheduler(run) ? t.startedBy.scheduler : oneLine(run.startedBy);
}

/** The details' phrase: "scheduled" / "по расписанию", or "manual by anna" / "вручную, anna". */
export function startedByPhrase(run: Pick<RunSummary, 'startedBy' | 'trigger'>, t: Catalogue): string {
  return byScheduler(run) ? t.details.scheduled : t.details.by(oneLine(run.startedBy), t.trigger[run.trigger]);
}
