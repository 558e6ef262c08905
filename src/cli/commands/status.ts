// `syncdeck status`: the task list, as JSON (--json) or as a table (status-table.ts).
import { unknownUserHint } from '../../engine/identity.js';
import { newInstance } from '../../engine/instances.js';
import { taskReader } from '../../engine/task-reader.js';
import type { ParsedArgs } from '../args.js';
import { taskStatusJson } from '../output/json.js';
import { printJsonList } from '../output/json-list.js';
import { openStoreContext } from '../store-context.js';

export async function statusCommand(args: ParsedArgs): Promise<number> {
  // The engine's reader alone: status reads the task list and starts nothing (task-reader.ts).
  const ctx = await openStoreContext(args, { kind: 'cli', demoServices: false });
  try {
    const engine = taskReader({
      store: ctx.store,
      config: ctx.config,
      identity: ctx.identity,
      instanceId: newInstance(ctx.user, 'cli').id,
    });
    const tasks = await engine.snapshot();
    if (args.options.json) printJsonList(tasks, taskStatusJson);
    else await (await import('./status-table.js')).printStatusTable(tasks, unknownUserHint(ctx.identity), engine);
    return 0;
  } finally {
    await ctx.store.close();
    await ctx.closeDemo();
  }
}
