// The instances screen (English).
import { LIVE_INSTANCE, count } from './words.js';

export const instances = {
  instances: {
    title: 'Instances',
    live: (n: number) => count(n, LIVE_INSTANCE),
    loading: 'Reading the instances…',
    failed: (message: string) => `Cannot read the instances: ${message}`,
    empty: 'No live instance.',
    /** An empty cell of the table. */
    none: '—',
    columns: {
      instance: 'Instance',
      kind: 'Kind',
      pid: 'PID',
      version: 'Version',
      started: 'Started',
      heartbeat: 'Heartbeat',
      skew: 'Clock skew',
      running: 'Running',
    },
    kind: { dashboard: 'dashboard', engine: 'engine', run: 'run' } as Record<'dashboard' | 'engine' | 'run', string>,
    self: 'this dashboard',
    user: (user: string, osUser: string) => (user === osUser ? `User ${user}` : `User ${user} (OS login ${osUser})`),
    host: (host: string) => `host ${host}`,
    pid: (pid: number) => `pid ${pid}`,
    version: (version: string | null) => (version === null ? 'version unknown' : `version ${version}`),
    roles: (roles: string) => (roles ? `Roles: ${roles}` : 'Roles: none'),
    schedules: (yes: boolean): string => (yes ? 'starts runs on its own' : 'starts no runs on its own'),
    started: (clock: string, ago: string) => `Started ${clock} (${ago})`,
    heartbeat: (ago: string) => `last heartbeat ${ago}`,
    skew: (amount: string | null) =>
      amount === null ? 'no clock skew measured (SQLite)' : `database clock minus its clock: ${amount}`,
    running: (tasks: string) => (tasks ? `Running: ${tasks}` : 'Running: nothing'),
    gone: (label: string) =>
      `The instance that was running the task, ${label}, is no longer live (it stopped, or its heartbeat lapsed).`,
  },
};

export type InstancesTexts = typeof instances;
