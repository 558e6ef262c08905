// The simulated external services of the demo, on 127.0.0.1 with ephemeral ports.
import type { DemoServiceId } from './config.js';
import { closedPort } from './http-server.js';
import { startBooking } from './services/booking.js';
import type { DemoOptions } from './services/common.js';
import { startLeads } from './services/leads.js';
import { startTelephony } from './services/telephony.js';

export interface DemoServices {
  urls: Record<DemoServiceId, string>;
  close(): Promise<void>;
}

export interface DemoServiceOptions {
  /** Multiplies every simulated latency (0 in tests). Default 1. */
  latencyScale?: number;
}

export async function startDemoServices(options: DemoServiceOptions = {}): Promise<DemoServices> {
  const scale = options.latencyScale ?? 1;
  const demo: DemoOptions = { latency: (ms) => Math.round(ms * scale) };
  const servers = await Promise.all([startTelephony(demo), startLeads(demo), startBooking(demo)]);
  const [telephony, leads, booking] = servers;
  // The SMS gateway is down: its address is a port where nothing listens.
  const sms = `http://127.0.0.1:${await closedPort()}`;
  return {
    urls: { telephony: telephony.url, leads: leads.url, booking: booking.url, sms },
    async close() {
      await Promise.all(servers.map((s) => s.close()));
    },
  };
}
