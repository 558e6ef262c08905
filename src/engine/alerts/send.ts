// Sends one alert's JSON to one channel and says what the channel answered, in one line
// with secrets redacted (it is recorded as the attempt and shown by `syncdeck alerts`).
import type { AlertChannelConfig } from '../../config/schema.js';
import type { Redactor } from '../diagnostics/redact.js';
import { dirname, isAbsolute } from 'node:path';
import { oneLine } from '../text/sanitize.js';

export interface SendResult {
  ok: boolean;
  /** The HTTP status, or the command's exit code; null without an answer. */
  status: number | null;
  message: string;
  durationMs: number;
}

export type Send = (channel: AlertChannelConfig, body: string) => Promise<SendResult>;

/** The sender of an engine: webhooks over node:http (send-webhook.ts), commands started in `cwd` with the alert's event and task in their environment. */
export function createSender(redactor: Redactor, cwd: string): Send {
  return async (channel, body) => {
    const started = performance.now();
    let result: Omit<SendResult, 'durationMs'>;
    try {
      // Each sender is loaded with its first delivery: node:http and node:child_process are no part of an engine's start.
      if (channel.kind === 'webhook') result = await (await import('./send-webhook.js')).sendWebhook(channel, body);
      else {
        const { event, taskId } = JSON.parse(body) as { event?: string; taskId?: string | null };
        const { sendCommand } = await import('./send-command.js');
        result = await sendCommand(
          channel,
          body,
          { SYNCDECK_ALERT_EVENT: event ?? '', SYNCDECK_ALERT_TASK: taskId ?? '' },
          cwd,
        );
      }
    } catch (err) {
      result = { ok: false, status: null, message: err instanceof Error ? err.message : String(err) };
    }
    return {
      ...result,
      message: redactor.text(oneLine(result.message)),
      durationMs: Math.round(performance.now() - started),
    };
  };
}

/** Where a command channel runs: next to the config file. */
export function commandDir(configSource: string): string {
  return isAbsolute(configSource) ? dirname(configSource) : process.cwd();
}
