// The config file's schema (docs/config.md). Field names are a contract.
import { z } from 'zod';
import { DURATION_HINT, parseDuration } from './duration.js';
import { handlerSchema } from './handlers.js';

const DAY = 86_400_000;

function duration(min: number, max: number, what = 'duration') {
  return z.string({ error: `expected a duration (${DURATION_HINT})` }).transform((text, ctx) => {
    const ms = parseDuration(text);
    // The loader quotes the value (shortened, secrets redacted) before the message: params.quoted.
    if (ms === undefined) {
      ctx.addIssue({
        code: 'custom',
        input: text,
        params: { quoted: '' },
        message: `is not a duration (${DURATION_HINT})`,
      });
      return z.NEVER;
    }
    if (ms < min || ms > max) {
      ctx.addIssue({
        code: 'custom',
        input: text,
        params: { quoted: what },
        message: `is out of range (${describeRange(min, max)})`,
      });
      return z.NEVER;
    }
    return ms;
  });
}

function describeRange(min: number, max: number): string {
  const f = (ms: number) => (ms % DAY === 0 ? `${ms / DAY}d` : ms % 60_000 === 0 ? `${ms / 60_000}m` : `${ms / 1000}s`);
  return `${f(min)} to ${f(max)}`;
}

const id = z
  .string({ error: 'expected an id (letters, digits, ".", "_", "-")' })
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/,
    'must be 1-64 letters, digits, ".", "_" or "-", starting with a letter or digit',
  );
const name = z.string().min(1).max(200);

export const PERMISSIONS = ['integration-settings'] as const;

const userSchema = z.strictObject({
  name: z.string().min(1).max(64),
  roles: z.array(z.string().min(1)).default([]),
  permissions: z.array(z.enum(PERMISSIONS)).default([]),
});

const authSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('bearer'), token: z.string().min(1) }),
  z.strictObject({ type: z.literal('basic'), username: z.string(), password: z.string() }),
  z.strictObject({ type: z.literal('header'), name: z.string().min(1), value: z.string().min(1) }),
  z.strictObject({ type: z.literal('query'), name: z.string().min(1), value: z.string().min(1) }),
]);

const serviceSchema = z.strictObject({
  id,
  name,
  baseUrl: z.url({ protocol: /^https?$/, error: 'expected an http:// or https:// URL' }).optional(),
  auth: authSchema.optional(),
  headers: z.record(z.string(), z.string()).optional(),
  /** Timeout of one request (the task's timeout bounds the whole run). */
  requestTimeout: duration(1_000, DAY, 'requestTimeout').optional(),
});

const taskSchema = z.strictObject({
  id,
  name,
  type: z.string().min(1).max(64),
  service: id,
  role: z.string().min(1),
  interval: duration(1_000, 366 * DAY, 'interval').optional(),
  maxInterval: duration(1_000, 366 * DAY, 'maxInterval').optional(),
  schedule: z.string().min(1).optional(),
  /** First retry delay of a failed cron task (doubles, never past the next cron time). */
  retryInterval: duration(1_000, 366 * DAY, 'retryInterval').optional(),
  timeout: duration(1_000, DAY, 'timeout').default(5 * 60_000),
  diagnostics: z.enum(['manual', 'always']).default('manual'),
  enabled: z.boolean().default(true),
  /** false: this task raises no alerts (docs/alerts.md). */
  alerts: z.boolean().default(true),
  handler: handlerSchema,
});

const retentionSchema = z
  .strictObject({
    network: duration(1_000, 3650 * DAY).default(2 * DAY),
    auth: duration(1_000, 3650 * DAY).default(2 * DAY),
    warning: duration(1_000, 3650 * DAY).default(7 * DAY),
    success: duration(1_000, 3650 * DAY).default(7 * DAY),
    recognized: duration(1_000, 3650 * DAY).default(14 * DAY),
    unknown: duration(1_000, 3650 * DAY).default(30 * DAY),
    cancelled: duration(1_000, 3650 * DAY).default(7 * DAY),
  })
  .prefault({});

const engineSchema = z
  .strictObject({
    maxConcurrentRuns: z.number().int().min(1).max(64).default(4),
    leaseTtl: duration(2_000, 3_600_000, 'leaseTtl').default(30_000),
    heartbeat: duration(1_000, 600_000, 'heartbeat').default(5_000),
    /** How long a stopped handler gets to end before it is abandoned (or SIGKILLed). */
    stopGrace: duration(1_000, 600_000, 'stopGrace').default(5_000),
    /** When the retention purge runs (cron). */
    purgeSchedule: z.string().min(1).default('17 * * * *'),
  })
  .prefault({});

const diagnosticsSchema = z
  .strictObject({
    /** Request and response bodies are stored up to this many bytes. */
    maxBodyBytes: z
      .number()
      .int()
      .min(256)
      .max(16 * 1024 * 1024)
      .default(64 * 1024),
  })
  .prefault({});

/**
 * Where the database lives and how many connections an instance may hold: a file path or
 * a postgres:// URL as is (`database: /var/lib/syncdeck.db`), or a mapping
 * (`database: { location: postgres://…, pool: 4 }`). `pool` applies to PostgreSQL only.
 */
const databaseSchema = z.preprocess(
  (value) => (typeof value === 'string' ? { location: value } : value),
  z.strictObject(
    {
      /** Overridden by --db / SYNCDECK_DB. A relative path is relative to the config file. */
      location: z.string().min(1).optional(),
      /** Connections one instance may hold (PostgreSQL); more than 1 only for a headless engine that runs many tasks at once. */
      pool: z.number().int().min(1).max(32).optional(),
    },
    { error: 'expected a file path, a postgres:// URL, or a mapping with location and pool' },
  ),
);
const webhookChannelSchema = z.strictObject({
  kind: z.literal('webhook'),
  /** How the channel is called in `syncdeck alerts` and the header; the kind by default. */
  name: id.optional(),
  url: z.url({ protocol: /^https?$/, error: 'expected an http:// or https:// URL' }),
  headers: z.record(z.string(), z.string()).optional(),
  timeout: duration(1_000, 120_000, 'timeout').default(10_000),
});

const commandChannelSchema = z.strictObject({
  kind: z.literal('command'),
  name: id.optional(),
  /** Gets the alert's JSON on stdin; exit status 0 means delivered. */
  command: z.string().min(1),
  args: z.array(z.string()).default([]),
  /** Merged over the environment of syncdeck itself. */
  env: z.record(z.string(), z.string()).optional(),
  timeout: duration(1_000, 600_000, 'timeout').default(30_000),
});

type Named<T> = T & { name: string };

/** Every channel gets a name: its own, else its kind (`webhook`, then `webhook-2`, …). */
function named<T extends { kind: string; name?: string | undefined }>(channels: T[]): Named<T>[] {
  const taken = new Set(channels.flatMap((c) => (c.name === undefined ? [] : [c.name])));
  return channels.map((c) => {
    if (c.name !== undefined) return { ...c, name: c.name };
    let name = c.kind;
    for (let n = 2; taken.has(name); n++) name = `${c.kind}-${n}`;
    taken.add(name);
    return { ...c, name };
  });
}

/** Alerts to the clinic's support (docs/alerts.md). */
const alertsSchema = z
  .strictObject({
    /** Consecutive failed runs before a task counts as failing. */
    failingAfter: z.number().int().min(1).max(1000).default(3),
    /** How long an enabled, unpaused task may have no live instance allowed to run it. */
    unrunnableAfter: duration(1_000, 30 * DAY, 'unrunnableAfter').default(15 * 60_000),
    /** First retry of a failed delivery; doubles up to maxRetryInterval, for retryFor. */
    retryInterval: duration(1_000, DAY, 'retryInterval').default(60_000),
    maxRetryInterval: duration(1_000, DAY, 'maxRetryInterval').default(3_600_000),
    retryFor: duration(60_000, 30 * DAY, 'retryFor').default(DAY),
    channels: z
      .array(z.discriminatedUnion('kind', [webhookChannelSchema, commandChannelSchema]))
      .min(1, 'at least one channel is needed'),
  })
  .transform((a) => ({ ...a, channels: named(a.channels) }));

export const configSchema = z.strictObject({
  historyDays: z.number().int().min(1).max(36_500).default(90),
  retention: retentionSchema,
  engine: engineSchema,
  diagnostics: diagnosticsSchema,
  database: databaseSchema.prefault({}),
  users: z.array(userSchema).default([]),
  services: z.array(serviceSchema).min(1, 'at least one service is needed'),
  tasks: z.array(taskSchema).default([]),
  alerts: alertsSchema.optional(),
});

export type ParsedConfig = z.output<typeof configSchema>;
export type ServiceConfig = ParsedConfig['services'][number];
export type TaskConfig = ParsedConfig['tasks'][number];
export type RetentionConfig = ParsedConfig['retention'];

/** The periods of a config that sets none. */
export const defaultRetention = (): RetentionConfig => retentionSchema.parse({});
export type EngineConfig = ParsedConfig['engine'];
export type DatabaseConfig = ParsedConfig['database'];
export type AlertsConfig = NonNullable<ParsedConfig['alerts']>;
export type AlertChannelConfig = AlertsConfig['channels'][number];
