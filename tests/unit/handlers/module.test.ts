// moduleHandler with real modules (tests/fixtures/modules).
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { sendJson } from '../../../src/demo/http-server.js';
import { failure, harness } from '../../helpers/handler-context.js';
import { serve } from '../../helpers/local-server.js';

const mod = (name: string, options?: Record<string, unknown>) =>
  ({
    kind: 'module',
    module: fileURLToPath(new URL(`../../fixtures/modules/${name}`, import.meta.url)),
    options,
  }) as const;

describe('module handler: moduleHandler', () => {
  it('calls the default export with the context and returns its message', async () => {
    const h = harness({ handler: mod('ok.mjs', { greeting: 'hi' }), state: { runs: 4 } });
    await expect(h.run()).resolves.toEqual({ message: 'done (run 5)' });
    expect(h.progress).toEqual([
      { done: 1, total: 2 },
      { done: 2, total: 2 },
    ]);
    expect(h.logs).toEqual(['run 5 of task with option hi']);
    expect(h.state.get('runs')).toBe(5);
  });

  it('gives the module the recording fetch and its warnings', async () => {
    const server = await serve((_q, res) => sendJson(res, 200, { items: [1, 2, 3], rejected: 1 }));
    const h = harness({ handler: mod('fetches.mjs'), service: { baseUrl: server.url } });
    await expect(h.run()).resolves.toEqual({ message: '3 items' });
    expect(h.warnings).toEqual(['1 items rejected']);
    expect(h.exchanges.map((e) => e.status)).toEqual([200]);
  });

  it.each([
    ['errorClass', 'auth', 'token expired'],
    ['class', 'recognized', 'the service said no'],
    ['plain', 'unknown', 'cannot read properties of undefined'],
    ['string', 'unknown', 'just a string'],
    ['bogus-class', 'unknown', 'odd'],
  ])('honours the class of a thrown error (%s → %s)', async (how, errorClass, message) => {
    const err = await failure(harness({ handler: mod('throws.mjs', { throw: how }) }).run());
    expect(err).toMatchObject({ errorClass, message });
  });

  it('fails as unknown when the module has no default export or does not exist', async () => {
    const none = await failure(harness({ handler: mod('no-default.mjs') }).run());
    expect(none.errorClass).toBe('unknown');
    expect(none.message).toMatch(/has no default export function/);
    const missing = await failure(harness({ handler: mod('missing.mjs') }).run());
    expect(missing.errorClass).toBe('unknown');
    expect(missing.message).toMatch(/^cannot load module .*missing\.mjs: no such file$/);
  });

  it('passes the stop reason through when the run is stopped', async () => {
    const h = harness({ handler: mod('waits.mjs') });
    const running = h.run();
    await h.waitForLog(/^waiting$/);
    const reason = new Error('stopped by anna');
    h.controller.abort(reason);
    await expect(running).rejects.toBe(reason);
  });
});
