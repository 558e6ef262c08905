import { describe, expect, it } from 'vitest';
import { createConfigRedactor, createRedactor } from '../../../src/engine/diagnostics/redact.js';

describe('diagnostics/redact: createRedactor', () => {
  const r = createRedactor(['p@ss word', 'tok9']);

  it('replaces secret values anywhere in text, also URL- and JSON-encoded', () => {
    expect(r.text('login with p@ss word, p%40ss%20word or tok9')).toBe('login with ***, *** or ***');
    expect(createRedactor(['a"b\\c']).text('{"v":"a\\"b\\\\c"}')).toBe('{"v":"***"}');
  });

  it('redacts secret headers by name and secret values in the others', () => {
    expect(
      r.headers({
        Authorization: 'Bearer x',
        Cookie: 'a=b',
        'Set-Cookie': 's=1',
        'X-Api-Key': 'k',
        'X-Auth-Token': 't',
        'X-Note': 'tok9!',
        Accept: 'json',
      }),
    ).toEqual({
      Authorization: '***',
      Cookie: '***',
      'Set-Cookie': '***',
      'X-Api-Key': '***',
      'X-Auth-Token': '***',
      'X-Note': '***!',
      Accept: 'json',
    });
  });

  it('redacts API-key query parameters and URL passwords', () => {
    expect(r.url('https://user:pw@h/x?api_key=1&apikey=2&access_token=3&client_secret=4&page=2')).toBe(
      'https://user:***@h/x?api_key=***&apikey=***&access_token=***&client_secret=***&page=2',
    );
  });

  it('redacts secret-looking fields of JSON and form bodies', () => {
    expect(r.body('{"password": "hunter2", "api_key":"k", "key":"L-17", "name":"Anna"}')).toBe(
      '{"password": "***", "api_key":"***", "key":"L-17", "name":"Anna"}',
    );
    expect(r.body('user=anna&password=hunter2&refresh_token=xyz')).toBe('user=anna&password=***&refresh_token=***');
  });
});

describe('diagnostics/redact: createConfigRedactor', () => {
  it('adds every service credential, literal or from ${ENV}, and the names that carry them', () => {
    const r = createConfigRedactor({
      secrets: ['from-env-1'],
      services: [
        { id: 'a', name: 'A', auth: { type: 'basic', username: 'u', password: 'basic-pass' } },
        { id: 'b', name: 'B', auth: { type: 'header', name: 'X-Clinic', value: 'hv-1' } },
        { id: 'c', name: 'C', auth: { type: 'query', name: 'code', value: 'qv-1' } },
      ],
    });
    expect(r.text('from-env-1 basic-pass hv-1 qv-1')).toBe('*** *** *** ***');
    expect(r.headers({ 'x-clinic': 'anything' })).toEqual({ 'x-clinic': '***' });
    expect(r.url('http://h/?code=zzz')).toBe('http://h/?code=***');
  });
});
