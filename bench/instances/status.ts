// One `syncdeck status --json` beside the engines: does a short command still get through?
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { BIN } from '../lib/context.js';
import { now } from '../lib/timing.js';

export async function runStatus(config: string, db: string): Promise<{ ok: boolean; ms: number }> {
  const started = now();
  const child = spawn(process.execPath, [BIN, 'status', '--json', '--config', config, '--db', db], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.resume();
  const [code] = (await once(child, 'close')) as [number | null];
  let ok = code === 0;
  try {
    ok &&= Array.isArray(JSON.parse(out));
  } catch {
    ok = false;
  }
  return { ok, ms: now() - started };
}
