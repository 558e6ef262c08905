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
      ctx.addIssue({ code: 'custom', input: text, params: { quoted: '' }, message: `is not a duration (${DURATION_HINT})` });
      return z.NEVER;
    }
    if (ms < min || ms > max) {
      ctx.addIssue({ code: 'custom', input: text, params: { quoted: what }, message: `is out of range (${describeRange(min, max)})` });
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
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'must be 1-64 letters, digits, ".", "_" or "-", starting with a letter or digit');
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
    maxBodyBytes: z.number().int().min(256).max(16 * 1024 * 1024).default(64 * 1024),
  })
  .prefault({});

export const configSchema = z.strictObject({
  historyDays: z.number().int().min(1).max(36_500).default(90),
  retention: retentionSchema,
  engine: engineSchema,
  diagnostics: diagnosticsSchema,
  /** Where the database lives; overridden by --db / SYNCDECK_DB. Relative to the config file. */
  database: z.string().min(1).optional(),
  users: z.array(userSchema).default([]),
  services: z.array(serviceSchema).min(1, 'at least one service is needed'),
  tasks: z.array(taskSchema).default([]),
});

export type ParsedConfig = z.output<typeof configSchema>;
export type ServiceConfig = ParsedConfig['services'][number];
export type TaskConfig = ParsedConfig['tasks'][number];
export type RetentionConfig = ParsedConfig['retention'];

/** The periods of a config that sets none. */
export const defaultRetention = (): RetentionConfig => retentionSchema.parse({});
export type EngineConfig = ParsedConfig['engine'];
