// Config schemas of the handler kinds (docs/tasks.md). One strict object per kind,
// chosen by `kind`; unknown fields are errors like everywhere else in the config.
import { z } from 'zod';

/** A dot path into a JSON answer: `data.items`, `items.0.id`, `items[0].id`; `$` is the whole answer. */
const jsonPath = z.string().min(1);
const stringMap = z.record(z.string(), z.string());

export const DEFAULT_MAX_RESPONSE_BYTES = 10 * 1024 * 1024;

export const httpHandlerSchema = z.strictObject({
  kind: z.literal('http'),
  method: z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']).default('GET'),
  /** Joined to the service's baseUrl (`/calls`), or an absolute http(s) URL. */
  path: z.string().min(1),
  query: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
  headers: stringMap.optional(),
  /** Sent as JSON. */
  body: z.unknown().optional(),
  /** JSON path to the array of items in each page (e.g. `data.items`); items are counted. */
  items: jsonPath.optional(),
  /** JSON path to the total number of items, for the progress bar. */
  total: jsonPath.optional(),
  /** JSON path to the total number of pages, for the progress bar when there is no item total. */
  totalPages: jsonPath.optional(),
  /** JSON path to the items the service rejected (an array or a count): a non-empty one makes the run a warning. */
  rejected: jsonPath.optional(),
  /** JSON path to an error object/message in a body: the service's documented error answer. */
  errorField: jsonPath.optional(),
  paging: z
    .strictObject({
      /** JSON path to the next page's URL (absolute or relative to the current page's URL). */
      next: jsonPath.optional(),
      /** JSON path to the next page's cursor, sent back as the `cursorParam` query parameter. */
      cursor: jsonPath.optional(),
      cursorParam: z.string().min(1).default('cursor'),
      maxPages: z.number().int().min(1).max(10_000).default(100),
    })
    .refine((p) => (p.next === undefined) !== (p.cursor === undefined), {
      message: 'paging needs either `next` (a link) or `cursor`, not both',
    })
    .optional(),
  /** Keep a cursor in the task state, so the next run continues where this one stopped. */
  resume: z
    .strictObject({
      /** JSON path to the value to keep (taken from every page; the last one wins). */
      from: jsonPath,
      /** Query parameter that sends it back on the next run. */
      param: z.string().min(1),
    })
    .optional(),
  /** A larger answer fails the run (class unknown) instead of filling memory. */
  maxResponseBytes: z
    .number()
    .int()
    .min(1)
    .max(1024 * 1024 * 1024)
    .default(DEFAULT_MAX_RESPONSE_BYTES),
  maxRedirects: z.number().int().min(0).max(20).default(5),
});

export const commandHandlerSchema = z.strictObject({
  kind: z.literal('command'),
  command: z.string().min(1),
  args: z.array(z.string()).default([]),
  /** Merged over the environment of syncdeck itself. */
  env: stringMap.optional(),
  cwd: z.string().min(1).optional(),
});

export const moduleHandlerSchema = z.strictObject({
  kind: z.literal('module'),
  module: z.string().min(1),
  options: z.record(z.string(), z.unknown()).optional(),
});

export const handlerSchema = z.discriminatedUnion('kind', [
  httpHandlerSchema,
  commandHandlerSchema,
  moduleHandlerSchema,
]);

export type HttpHandlerConfig = z.output<typeof httpHandlerSchema>;
export type CommandHandlerConfig = z.output<typeof commandHandlerSchema>;
export type HandlerConfig = z.output<typeof handlerSchema>;
export type HandlerConfigInput = z.input<typeof handlerSchema>;
