import type { LoadedConfig } from '../config/load.js';
import { demoConfig } from './config.js';

/** Starts the simulated services and returns the demo config pointing at them. */
export async function startDemo(user: string): Promise<{ config: LoadedConfig; close(): Promise<void> }> {
  return { config: demoConfig({}, user), close: async () => undefined };
}
