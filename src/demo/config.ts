// The bundled demo: four simulated services on 127.0.0.1 and tasks that show every
// status and outcome within a minute. The user who starts it is an admin.
import { parseConfigText, type LoadedConfig } from '../config/load.js';

export const DEMO_SERVICES = ['telephony', 'leads', 'booking', 'sms'] as const;
export type DemoServiceId = (typeof DEMO_SERVICES)[number];

/** Before the simulated services listen (read-only commands), URLs point at a closed port. */
const CLOSED = 'http://127.0.0.1:9';

export function demoConfigYaml(urls: Partial<Record<DemoServiceId, string>>, user: string): string {
  const url = (id: DemoServiceId) => urls[id] ?? CLOSED;
  return `
historyDays: 90
users:
  - name: ${JSON.stringify(user)}
    roles: [admin, reception, marketing]
    permissions: [integration-settings]
services:
  - id: telephony
    name: Telephony (Mango)
    baseUrl: ${url('telephony')}
    auth: { type: bearer, token: demo-telephony-token }
  - id: leads
    name: Lead aggregator
    baseUrl: ${url('leads')}
    auth: { type: header, name: X-Api-Key, value: demo-leads-key }
  - id: booking
    name: Online booking
    baseUrl: ${url('booking')}
    auth: { type: bearer, token: demo-expired-token }
  - id: sms
    name: SMS gateway
    baseUrl: ${url('sms')}
tasks:
  - id: calls
    name: Receive calls
    type: calls
    service: telephony
    role: reception
    interval: 15s
    maxInterval: 5m
    handler: { kind: http, path: /calls, items: items, paging: { next: next } }
  - id: leads
    name: Receive leads
    type: leads
    service: leads
    role: marketing
    interval: 20s
    maxInterval: 5m
    handler: { kind: http, path: /leads, items: leads, rejected: rejected }
  - id: schedule
    name: Upload schedule
    type: schedule
    service: booking
    role: admin
    interval: 30s
    maxInterval: 10m
    handler: { kind: http, method: POST, path: /schedule, body: { days: 14 } }
  - id: reminders
    name: Send reminders
    type: messages
    service: sms
    role: reception
    interval: 20s
    maxInterval: 5m
    handler: { kind: http, method: POST, path: /send, body: { batch: 50 } }
`;
}

export function demoConfig(urls: Partial<Record<DemoServiceId, string>>, user: string): LoadedConfig {
  return parseConfigText(demoConfigYaml(urls, user), { baseDir: process.cwd(), source: 'demo', label: 'demo config', env: {} });
}
