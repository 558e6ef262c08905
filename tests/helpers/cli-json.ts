// The CLI's --json output, typed by the functions that write it (src/cli/output/json.ts).
import type { runDetailsJson, runSummaryJson, taskStatusJson } from '../../src/cli/output/json.js';

export type RunJson = ReturnType<typeof runSummaryJson>;
export type TaskJson = ReturnType<typeof taskStatusJson>;
export type RunDetailsJson = ReturnType<typeof runDetailsJson>;

export const tasksJson = (stdout: string) => JSON.parse(stdout) as TaskJson[];
export const runsJson = (stdout: string) => JSON.parse(stdout) as RunJson[];
export const runJson = (stdout: string) => JSON.parse(stdout) as RunJson;
export const runDetailsJsonOf = (stdout: string) => JSON.parse(stdout) as RunDetailsJson;
