import type { EngineApi } from '../engine/api.js';

export interface DashboardOptions {
  lang: 'en' | 'ru';
  color: boolean;
  ascii: boolean;
  stdout?: NodeJS.WriteStream;
  stdin?: NodeJS.ReadStream;
}

/** Placeholder until the dashboard lands. */
export function startDashboard(_engine: EngineApi, _options: DashboardOptions): { waitUntilExit(): Promise<void>; close(): void } {
  return { waitUntilExit: async () => undefined, close: () => undefined };
}
