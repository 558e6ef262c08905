// What the schema cannot see on one field: duplicate ids, references between sections,
// cron texts, files that must exist, timings that must fit together.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { validate as validCron, validateDetailed as checkCron } from 'node-cron';
import { looksLikePath } from './paths.js';
import type { Report } from './problems.js';
import type { AlertsConfig, ParsedConfig } from './schema.js';

export function crossCheck(c: ParsedConfig, baseDir: string, report: Report): void {
  duplicates(
    c.services.map((s) => s.id),
    (i, v) => report(['services', i, 'id'], `duplicate service id "${v}"`),
  );
  duplicates(
    c.tasks.map((t) => t.id),
    (i, v) => report(['tasks', i, 'id'], `duplicate task id "${v}"`),
  );
  duplicates(
    c.users.map((u) => u.name),
    (i, v) => report(['users', i, 'name'], `duplicate user "${v}"`),
  );
  const serviceIds = new Set(c.services.map((s) => s.id));
  if (!validCron(c.engine.purgeSchedule))
    report(['engine', 'purgeSchedule'], `"${c.engine.purgeSchedule}" is not a cron expression`);
  if (c.engine.heartbeat * 2 > c.engine.leaseTtl)
    report(['engine', 'heartbeat'], `must be at most half of leaseTtl, so a lease survives one missed heartbeat`);

  if (c.alerts) checkAlerts(c.alerts, baseDir, report);

  c.tasks.forEach((t, i) => {
    if (!serviceIds.has(t.service))
      report(['tasks', i, 'service'], `no service "${t.service}" (services: ${[...serviceIds].join(', ')})`);
    if (t.interval === undefined && t.schedule === undefined)
      report(['tasks', i], 'needs an interval (e.g. 5m) or a schedule (cron)', false);
    if (t.interval !== undefined && t.schedule !== undefined)
      report(['tasks', i, 'schedule'], 'give an interval or a schedule, not both');
    if (t.schedule !== undefined) {
      const check = checkCron(t.schedule) as { valid: boolean; errors?: { message: string }[] };
      if (!check.valid)
        report(
          ['tasks', i, 'schedule'],
          `"${t.schedule}" is not a cron expression${check.errors?.[0] ? ` (${check.errors[0].message})` : ''}`,
        );
    }
    if (t.maxInterval !== undefined && t.interval === undefined)
      report(['tasks', i, 'maxInterval'], 'only an interval task has a maxInterval');
    if (t.maxInterval !== undefined && t.interval !== undefined && t.maxInterval < t.interval) {
      report(['tasks', i, 'maxInterval'], 'must not be shorter than interval');
    }
    if (t.handler.kind === 'module') {
      const file = resolve(baseDir, t.handler.module);
      if (!existsSync(file)) report(['tasks', i, 'handler', 'module'], `module file ${file} does not exist`);
    }
    if (t.handler.kind === 'command' && looksLikePath(t.handler.command)) {
      const file = resolve(baseDir, t.handler.command);
      if (!existsSync(file)) report(['tasks', i, 'handler', 'command'], `program ${file} does not exist`);
    }
  });
}

function checkAlerts(a: AlertsConfig, baseDir: string, report: Report): void {
  duplicates(
    a.channels.map((ch) => ch.name),
    (i, v) => report(['alerts', 'channels', i, 'name'], `duplicate channel name "${v}"`),
  );
  if (a.maxRetryInterval < a.retryInterval)
    report(['alerts', 'maxRetryInterval'], 'must not be shorter than retryInterval');
  a.channels.forEach((ch, i) => {
    if (ch.kind === 'command' && looksLikePath(ch.command) && !existsSync(resolve(baseDir, ch.command))) {
      report(['alerts', 'channels', i, 'command'], `program ${resolve(baseDir, ch.command)} does not exist`);
    }
  });
}

function duplicates(values: string[], onDuplicate: (index: number, value: string) => void): void {
  const seen = new Set<string>();
  values.forEach((v, i) => {
    if (seen.has(v)) onDuplicate(i, v);
    seen.add(v);
  });
}
