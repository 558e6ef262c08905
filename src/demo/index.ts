// The zero-config demo: simulated services plus the demo config pointing at them.
import type { LoadedConfig } from '../config/load.js';
import { configCacheDir } from '../config/cache.js';
import { demoConfig } from './config.js';
import { startDemoServices, type DemoServiceOptions } from './services.js';

export { DEMO_SERVICES, demoConfig, demoConfigYaml, type DemoServiceId } from './config.js';
export { startDemoServices, type DemoServiceOptions, type DemoServices } from './services.js';

export interface Demo {
  config: LoadedConfig;
  close(): Promise<void>;
}

/** Starts the simulated services and returns the demo config for `user` (an admin). */
export async function startDemo(user: string, options: DemoServiceOptions = {}): Promise<Demo> {
  const services = await startDemoServices(options);
  try {
    return { config: await demoConfig(services.urls, user, configCacheDir()), close: () => services.close() };
  } catch (err) {
    await services.close();
    throw err;
  }
}
