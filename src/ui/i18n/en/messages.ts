// What an action answers: refusals, feedback, confirmations, the too-small terminal (English).
import type { Refusal } from '../../refusals.js';
import { KEY, RUN, count } from './words.js';

export const messages = {
  refusal: (r: Refusal): string => {
    switch (r.code) {
      case 'no-task':
        return 'No task selected.';
      case 'running-elsewhere':
        return `Already running on ${r.instance}: no second start is needed.`;
      case 'running-here':
        return 'Already running here.';
      case 'not-running':
        return 'The task is not running.';
      case 'disabled':
        return 'The task is disabled.';
      case 'forbidden':
        return 'Your roles do not allow this for this task.';
      case 'no-run':
        return 'The task has not run yet.';
      case 'no-diagnostics':
        return 'This run has no diagnostics (they are recorded for manual runs: press r).';
      case 'details-removed':
        return 'The details of this run were removed (retention).';
      case 'no-run-selected':
        return 'No run selected.';
      case 'log-only':
        return 'A command task records its progress log only, no exchanges with a service.';
      case 'nothing':
        return '';
    }
  },
  feedback: {
    started: (task: string, runId: number) => `Started ${task} (run #${runId}).`,
    alreadyRunning: (instance: string) => `Already running on ${instance}.`,
    stopRequested: (task: string) => `Stop requested for ${task}.`,
    stopRequestedOn: (task: string, instance: string) => `Stop requested for ${task} on ${instance}.`,
    paused: (task: string) => `Paused ${task}: no automatic runs until resumed.`,
    resumed: (task: string) => `Resumed ${task}.`,
    failed: (message: string) => `Failed: ${message}`,
    filterHint: 'Type to filter · Enter keep · Esc clear',
    runWhenReady: (task: string) => `The engine is starting: ${task} runs as soon as it is ready.`,
    stopWhenReady: (task: string) => `The engine is starting: the stop of ${task} is asked as soon as it is ready.`,
    pauseWhenReady: (task: string) => `The engine is starting: ${task} is paused as soon as it is ready.`,
    resumeWhenReady: (task: string) => `The engine is starting: ${task} is resumed as soon as it is ready.`,
    keysDropped: (n: number) => `Dropped ${count(n, KEY)} typed while the page was loading (it did not come).`,
  },
  confirm: {
    stop: (task: string, where: string | null) => (where ? `Stop ${task} running on ${where}?` : `Stop ${task}?`),
    quit: (runs: number) => `${count(runs, RUN)} in progress here will be interrupted and resumed elsewhere. Quit?`,
    yesNo: '[y/N]',
  },
  small: {
    message: (cols: number, rows: number) => `The terminal is ${cols}×${rows}. syncdeck needs at least 80×24.`,
    hint: 'Make the window larger, or press q to quit.',
  },
};

export type MessagesTexts = typeof messages;
