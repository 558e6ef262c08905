// fingerprintOf (src/engine/config/fingerprint.ts): the hashes are stored (fleet_config's
// version, each task's def_hash), so a faster canonical text must give the very same ones:
// another hash would make every instance of a fleet rewrite the definitions after an upgrade.
import { expect, it } from 'vitest';
import { parseConfigText } from '../../../src/config/load.js';
import { fingerprintOf } from '../../../src/engine/config/fingerprint.js';

const TEXT = [
  'engine: { leaseTtl: 4s, heartbeat: 1s, stopGrace: 1s }',
  'users:',
  '  - { name: olga, roles: [reception, "lab ü"] }',
  'services:',
  '  - { id: telephony, name: "Téléphonie \\"A\\"", baseUrl: "http://127.0.0.1:9", auth: { type: bearer, token: s3cret-token } }',
  '  - { id: lab, name: Lab, baseUrl: "http://127.0.0.1:8/s3cret-token", headers: { X-Api-Key: s3cret-token, Accept: "*/*" } }',
  'tasks:',
  '  - { id: calls, name: Calls, type: calls, service: telephony, role: reception, interval: 1h, handler: { kind: http, path: /x?q=s3cret-token } }',
  '  - { id: b-lab, name: "Lab ☃", type: lab, service: lab, role: reception, schedule: "0 * * * *", handler: { kind: http, path: /y, method: POST } }',
  '',
].join('\n');

it('fingerprintOf: the hashes of session 9 for the same config (nested objects, arrays, a secret, non-ASCII names)', () => {
  const print = fingerprintOf(parseConfigText(TEXT, { baseDir: '/', source: 'c.yaml', env: {} }));
  // Computed by session 9's fingerprint.ts (one canonical() of { task, service } per task).
  expect(print.version).toBe('a17b035f0900b8f85d64d37262895398974f6a6d6815fbeeeccc2d8a9afe1da2');
  expect([...print.tasks]).toEqual([
    ['calls', 'caf81a7c6e77b883a65807875a3177e1353b34521a887cb4a9de94810d21fb7e'],
    ['b-lab', '5bd91fc1edc51b210f8bee437aa1b18d084a8880aeedab6d89b02da5f2716576'],
  ]);
});

it('fingerprintOf: the secret does not count, the service does', () => {
  const parse = (text: string) => parseConfigText(text, { baseDir: '/', source: 'c.yaml', env: {} });
  const a = fingerprintOf(parse(TEXT));
  const otherSecret = fingerprintOf(parse(TEXT.replaceAll('s3cret-token', 'other-token')));
  expect(otherSecret.version).toBe(a.version);
  const otherService = fingerprintOf(parse(TEXT.replace('127.0.0.1:9', '127.0.0.1:10')));
  expect(otherService.tasks.get('calls')).not.toBe(a.tasks.get('calls'));
  expect(otherService.tasks.get('b-lab')).toBe(a.tasks.get('b-lab'));
});
