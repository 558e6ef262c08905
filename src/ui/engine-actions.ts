// Run, stop, pause and resume through the engine API, each answered on the status line.
import type { EngineApi } from '../engine/api.js';
import { oneLine } from '../engine/text/sanitize.js';
import { EngineError, type TaskView } from '../engine/types.js';
import type { Catalogue } from './i18n/index.js';
import type { StatusMessage, StopConfirmation } from './state/dashboard-state.js';

export type Say = (message: StatusMessage) => void;

const isEngineError = (error: unknown): error is EngineError =>
  error instanceof EngineError || (error instanceof Error && error.name === 'EngineError' && 'code' in error);

function failure(error: unknown, t: Catalogue): StatusMessage {
  if (isEngineError(error) && error.code === 'already-running') {
    const where = error.detail.instanceLabel ?? error.detail.instance ?? '?';
    return { text: t.feedback.alreadyRunning(oneLine(where)), tone: 'error' };
  }
  const text = error instanceof Error ? error.message : String(error);
  return { text: isEngineError(error) ? oneLine(text) : t.feedback.failed(oneLine(text)), tone: 'error' };
}

// `starting`: the dashboard's preview, whose engine holds the action until the real one is
// ready (src/cli/preview-engine.ts); the status line says so at once.

export async function runTask(
  engine: EngineApi,
  task: TaskView,
  t: Catalogue,
  say: Say,
  starting = false,
): Promise<void> {
  if (starting) say({ text: t.feedback.runWhenReady(oneLine(task.name)), tone: 'info' });
  try {
    const run = await engine.runNow(task.id);
    say({ text: t.feedback.started(oneLine(task.name), run.id), tone: 'info' });
  } catch (error) {
    say(failure(error, t));
  }
}

export async function stopTask(
  engine: EngineApi,
  request: StopConfirmation,
  t: Catalogue,
  say: Say,
  starting = false,
): Promise<void> {
  if (starting) say({ text: t.feedback.stopWhenReady(request.taskName), tone: 'info' });
  try {
    await engine.stop(request.taskId);
    const text = request.where
      ? t.feedback.stopRequestedOn(request.taskName, request.where)
      : t.feedback.stopRequested(request.taskName);
    say({ text, tone: 'info' });
  } catch (error) {
    say(failure(error, t));
  }
}

export async function togglePause(
  engine: EngineApi,
  task: TaskView,
  t: Catalogue,
  say: Say,
  starting = false,
): Promise<void> {
  const name = oneLine(task.name);
  if (starting)
    say({ text: (task.paused ? t.feedback.resumeWhenReady : t.feedback.pauseWhenReady)(name), tone: 'info' });
  try {
    if (task.paused) {
      await engine.resume(task.id);
      say({ text: t.feedback.resumed(name), tone: 'info' });
    } else {
      await engine.pause(task.id);
      say({ text: t.feedback.paused(name), tone: 'info' });
    }
  } catch (error) {
    say(failure(error, t));
  }
}
