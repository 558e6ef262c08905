// Delivers an alert to a command: the JSON on its stdin (one line); exit status 0 is a
// delivery. A command that outlives its timeout gets SIGTERM, then SIGKILL (its whole
// process group, so a mail program it started goes too).
import { spawn } from 'node:child_process';
import type { AlertChannelConfig } from '../../config/schema.js';
import { formatDuration } from '../../config/duration.js';
import { TailBuffer } from '../handlers/command/lines.js';
import { signalGroup } from '../handlers/command/process-group.js';
import { snippet } from '../text/sanitize.js';
import type { SendResult } from './send.js';

type Command = Extract<AlertChannelConfig, { kind: 'command' }>;

const KILL_AFTER_MS = 2_000;
const OUTPUT_TAIL_BYTES = 4 * 1024;

export function sendCommand(
  channel: Command,
  body: string,
  env: Record<string, string>,
  cwd: string,
): Promise<Omit<SendResult, 'durationMs'>> {
  return new Promise((resolve) => {
    let child;
    try {
      child = spawn(channel.command, channel.args, {
        cwd,
        env: { ...process.env, ...env, ...channel.env },
        detached: true,
        stdio: ['pipe', 'pipe', 'pipe'],
        windowsHide: true,
      });
    } catch (err) {
      resolve({ ok: false, status: null, message: `cannot start ${channel.command}: ${snippet(String(err))}` });
      return;
    }
    const output = new TailBuffer(OUTPUT_TAIL_BYTES);
    child.stdout.on('data', (chunk: Buffer) => output.push(chunk)).on('error', () => undefined);
    child.stderr.on('data', (chunk: Buffer) => output.push(chunk)).on('error', () => undefined);
    // A command that does not read its stdin closes it: that is its business, not a failure.
    child.stdin.on('error', () => undefined);
    child.stdin.end(`${body}\n`);

    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      signalGroup(child, 'SIGTERM');
      setTimeout(() => signalGroup(child, 'SIGKILL'), KILL_AFTER_MS).unref();
    }, channel.timeout);
    timer.unref();
    let spawnError: Error | null = null;
    child.on('error', (err) => (spawnError = err));
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const said = lastLine(output.text());
      const tail = said ? `: ${snippet(said, 200)}` : '';
      if (spawnError)
        resolve({
          ok: false,
          status: null,
          message: `cannot start ${channel.command}: ${snippet(spawnError.message)}`,
        });
      else if (timedOut)
        resolve({
          ok: false,
          status: null,
          message: `${channel.command} did not finish within ${formatDuration(channel.timeout)}; stopped${tail}`,
        });
      else if (code === 0) resolve({ ok: true, status: 0, message: `exit 0${tail}` });
      else
        resolve({
          ok: false,
          status: code,
          message: code === null ? `killed by ${signal}${tail}` : `exit ${code}${tail}`,
        });
    });
  });
}

function lastLine(text: string): string {
  const lines = text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  return lines[lines.length - 1] ?? '';
}
