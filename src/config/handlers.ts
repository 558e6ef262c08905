// Config schemas of the handler kinds (DESIGN.md §4, §7). One strict object per kind,
// chosen by `kind`; unknown fields are errors like everywhere else in the config.
import { z } from 'zod';

const jsonPath = z.string().min(1);
const stringMap = z.record(z.string(), z.string());

export const httpHandlerSchema = z.strictObject({
  kind: z.literal('http'),
  method: z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']).default('GET'),
  path: z.string().min(1),
  query: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
  headers: stringMap.optional(),
  body: z.unknown().optional(),
  /** JSON path to the array of items in each page (e.g. `data.items`); items are counted. */
  items: jsonPath.optional(),
  /** JSON path to the total number of items, for the progress bar. */
  total: jsonPath.optional(),
  /** JSON path to the items the service rejected (an array or a count): a non-empty one makes the run a warning. */
  rejected: jsonPath.optional(),
  /** JSON path to an error object/message in a 2xx body: the service's documented error answer. */
  errorField: jsonPath.optional(),
  paging: z
    .strictObject({
      /** JSON path to the next page's URL (absolute or relative to the base URL). */
      next: jsonPath.optional(),
      /** JSON path to the next page's cursor, sent back as the `cursorParam` query parameter. */
      cursor: jsonPath.optional(),
      cursorParam: z.string().min(1).default('cursor'),
      maxPages: z.number().int().min(1).max(10_000).default(100),
    })
    .optional(),
  /** Keep the last cursor in the task state, so the next run continues where this one stopped. */
  resume: z
    .strictObject({
      /** JSON path to the value to keep (in the last page). */
      from: jsonPath,
      /** Query parameter that sends it back on the next run. */
      param: z.string().min(1),
    })
    .optional(),
  maxResponseBytes: z.number().int().min(1).optional(),
  maxRedirects: z.number().int().min(0).max(20).default(5),
});

export const commandHandlerSchema = z.strictObject({
  kind: z.literal('command'),
  command: z.string().min(1),
  args: z.array(z.string()).default([]),
  env: stringMap.optional(),
  cwd: z.string().min(1).optional(),
});

export const moduleHandlerSchema = z.strictObject({
  kind: z.literal('module'),
  module: z.string().min(1),
  options: z.record(z.string(), z.unknown()).optional(),
});

export const handlerSchema = z.discriminatedUnion('kind', [httpHandlerSchema, commandHandlerSchema, moduleHandlerSchema]);

export type HttpHandlerConfig = z.output<typeof httpHandlerSchema>;
export type CommandHandlerConfig = z.output<typeof commandHandlerSchema>;
export type ModuleHandlerConfig = z.output<typeof moduleHandlerSchema>;
export type HandlerConfig = z.output<typeof handlerSchema>;
