// Services that misbehave, through the real engine (`syncdeck run TASK --json`): each
// misbehaviour becomes a recorded run with the right class, and its diagnostics stay capped.
import { describe, expect, it } from 'vitest';
import { task, writeClinic } from '../helpers/clinic-config.js';
import { closesMidResponse, endlessBody, hugeJson, silent, tricklingBody } from '../helpers/hostile-services.js';
import { serve } from '../helpers/local-server.js';
import { runSyncdeck } from '../helpers/syncdeck-process.js';
import { useTempDir } from '../helpers/temp-dir.js';
import { runDetailsJsonOf } from '../helpers/cli-json.js';

const dir = useTempDir('syncdeck-hostile-');
const MAX_BODY = 64 * 1024;
const MARKER = 200; // room for the "…[truncated N bytes]" note

interface Exchange {
  response: { status: number; body: string | null } | null;
  error: string | null;
}

describe('hostile services through `syncdeck run`', () => {
  it(
    'records silence, endless, trickling, cut and oversized answers with the right class',
    { timeout: 60_000 },
    async () => {
      const huge = hugeJson(10_000_000);
      const tooBig = hugeJson(11 * 1024 * 1024);
      const cases = {
        silent: await serve(silent),
        endless: await serve(endlessBody),
        trickle: await serve(tricklingBody),
        cut: await serve(closesMidResponse),
        huge: await serve(huge.handler),
        toobig: await serve(tooBig.handler),
      };
      const names = Object.keys(cases) as (keyof typeof cases)[];
      const paths = writeClinic(dir(), {
        // 1s where the timeout is the point; time enough for 10 MiB on a busy machine elsewhere.
        services: names.map(
          (n) =>
            `{ id: ${n}, name: ${n}, baseUrl: "${cases[n].url}", requestTimeout: ${n === 'silent' || n === 'trickle' ? '1s' : '2m'} }`,
        ),
        tasks: names.map((n) =>
          task(n, '{ kind: http, path: /calls, items: items }', { service: n, every: 'interval: 1h' }),
        ),
      });
      const sd = (...args: string[]) => runSyncdeck([...args, '--config', paths.config, '--db', paths.db]);
      // The database is created once, before the runs start side by side.
      expect((await sd('status')).code).toBe(0);
      const results = await Promise.all(names.map((n) => sd('run', n, '--json')));
      const runs = Object.fromEntries(
        names.map((n, i) => [n, { ...results[i]!, run: JSON.parse(results[i]!.stdout) as Record<string, unknown> }]),
      );
      for (const n of names) expect(runs[n]!.stderr, n).toBe('');

      expect(runs.silent).toMatchObject({ code: 1, run: { outcome: 'error', errorClass: 'network' } });
      expect(runs.silent!.run.message).toMatch(/did not answer within 1s/);
      expect(runs.trickle).toMatchObject({ code: 1, run: { outcome: 'error', errorClass: 'network' } });
      expect(runs.trickle!.run.message).toMatch(/did not answer within 1s/);
      expect(runs.cut).toMatchObject({ code: 1, run: { outcome: 'error', errorClass: 'network' } });
      expect(runs.cut!.run.message).toMatch(/closed the connection before the answer was complete/);
      expect(runs.endless).toMatchObject({ code: 1, run: { outcome: 'error', errorClass: 'unknown' } });
      expect(runs.endless!.run.message).toMatch(/too large: more than 10 MiB/);
      expect(runs.toobig).toMatchObject({ code: 1, run: { outcome: 'error', errorClass: 'unknown' } });
      expect(runs.toobig!.run.message).toMatch(/too large: 11 MiB/);
      expect(runs.huge).toMatchObject({
        code: 0,
        run: { outcome: 'success', errorClass: null, message: `${huge.items} calls received` },
      });

      const exchangesOf = async (n: string): Promise<Exchange[]> =>
        runDetailsJsonOf((await sd('show', String(runs[n]!.run.id), '--json')).stdout).exchanges;
      const [silentEx] = await exchangesOf('silent');
      expect(silentEx).toMatchObject({ response: null });
      expect(silentEx!.error).toBeTruthy();
      for (const n of ['endless', 'trickle', 'cut', 'huge'] as const) {
        const [ex] = await exchangesOf(n);
        expect(ex!.response?.status, n).toBe(200);
        const body = ex!.response!.body!;
        expect(body.startsWith('{"items":['), n).toBe(true);
        expect(Buffer.byteLength(body), n).toBeLessThanOrEqual(MAX_BODY + MARKER);
      }
      const [hugeEx] = await exchangesOf('huge');
      expect(hugeEx!.response!.body).toMatch(/\.\.\.\[truncated \d+ bytes\]$/);
      expect(Buffer.byteLength(hugeEx!.response!.body!)).toBeGreaterThan(MAX_BODY - 100);
    },
  );
});
