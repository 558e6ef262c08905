// The header lines and the config-reloaded notice (English).
import { TASK, FAILING_TASK, USER, count } from './words.js';

export const header = {
  header: {
    app: 'syncdeck',
    starting: 'starting the engine…',
    user: (user: string, roles: string) => (roles ? `${user} (${roles})` : user),
    viewingAs: (osUser: string, user: string) => `${osUser} as ${user}`,
    instance: (id: string) => `instance ${id}`,
    database: (path: string) => `db ${path}`,
    config: (source: string) => `config ${source}`,
    demoConfig: 'demo config',
    failing: (n: number) => count(n, FAILING_TASK),
    allOk: 'no failing tasks',
    demoBanner: 'Demo: simulated services on 127.0.0.1 — run with --config FILE for a real setup',
    unknownUser: (user: string) =>
      `User "${user}" is not in the config's users, so no tasks are visible. Ask an admin to add you.`,
    storageError: (message: string) => `Storage error: ${message}`,
    alertTrouble: (channel: string, since: string, undelivered: number) =>
      `alert to ${channel} failing since ${since} (${undelivered} undelivered)`,
    clockSkew: (amount: string, behind: boolean) =>
      `Clock: this computer is ${amount} ${behind ? 'behind' : 'ahead of'} the database server; syncdeck uses the server's time — check this computer's time (NTP)`,
    configDiffers: (writtenBy: string, at: string, what: string) =>
      `This instance's config differs from the fleet's (written by ${writtenBy} at ${at}): ${what}`,
    tasksDiffer: (n: number, list: string) =>
      `${count(n, TASK)} ${n === 1 ? 'differs' : 'differ'} (${list}) and ${n === 1 ? 'is' : 'are'} not run here`,
    configError: (problem: string, more: number) =>
      `Config not reloaded, the last good one stays: ${problem}${more > 0 ? ` (+${more} more)` : ''}`,
    restartNeeded: (fields: string, file: string, inUse: string) =>
      `${fields} changed in ${file}: this instance keeps using ${inUse} until it restarts`,
  },
  configReloaded: {
    title: (parts: string) => `Config reloaded: ${parts}`,
    none: 'no task changed',
    changed: (n: number) => `${count(n, TASK)} changed`,
    added: (n: number) => `${count(n, TASK)} added`,
    removed: (n: number) => `${count(n, TASK)} removed`,
    users: (n: number) => `${count(n, USER)} changed`,
    hidden: (list: string) => `no longer visible to you: ${list}`,
  },
};

export type HeaderTexts = typeof header;
