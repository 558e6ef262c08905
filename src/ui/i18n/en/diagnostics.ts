// A run's diagnostics screen and its synchronisation information popup (English).

export const diagnostics = {
  diagnostics: {
    title: (runId: number, task: string) => `Diagnostics of run #${runId} · ${task}`,
    loading: 'Loading diagnostics…',
    failed: (message: string) => `Cannot load the diagnostics: ${message}`,
    none: 'This run recorded no exchanges.',
    exchange: (index: number, count: number, at: string, duration: string) =>
      `Exchange ${index} of ${count} · ${at} · ${duration}`,
    requestBody: 'request body',
    responseBody: 'response body',
    noResponse: 'no response',
    error: (message: string) => `error: ${message}`,
    lines: (from: number, to: number, total: number) => `lines ${from}–${to} of ${total}`,
  },
  runInfo: {
    title: (runId: number, task: string) => `Synchronisation information · run #${runId} · ${task}`,
    keptUntil: (when: string) => `Details kept until ${when}`,
    removedOn: (when: string) => `Details removed on ${when} (retention)`,
    removed: 'Details removed (retention)',
    recording: 'Details are recorded while the run goes on',
    errors: 'Errors',
    exchangeFailed: (request: string, answer: string) => `${request} → ${answer}`,
  },
};

export type DiagnosticsTexts = typeof diagnostics;
