import { describe, expect, it } from 'vitest';
import { appIdOf, limits, parseUpdateJson, recordKey, UpdateError, updateText } from './update.js';

const reasonOf = (fn: () => unknown): string => {
  try {
    fn();
  } catch (err) {
    if (err instanceof UpdateError) return `${err.reason}: ${err.message}`;
    throw err;
  }
  return 'accepted';
};

describe('Partisci updates', () => {
  it('derives app_id as Partisci does: lower case, every other character an underscore', () => {
    expect(appIdOf('Partisci Test-App 2.0')).toBe('partisci_test_app_2_0');
    expect(appIdOf('Übung')).toBe('_bung');
    // One underscore per character (Go ranges over runes), also outside the BMP.
    expect(appIdOf('a😀b')).toBe('a_b');
  });

  it('reads app, ver, host, instance and app_data, matching key names case-insensitively', () => {
    expect(parseUpdateJson('{"APP":"Billing","Ver":"1.2","hoSt":"web-1","INSTANCE":3,"App_Data":{"git":"abc"}}')).toEqual({
      appId: 'billing',
      app: 'Billing',
      ver: '1.2',
      host: 'web-1',
      instance: 3,
      appData: '{"git":"abc"}',
      hostIp: '',
      at: 0,
    });
  });

  it('defaults host to empty and instance to 0, and ignores unknown keys', () => {
    expect(parseUpdateJson('{"app":"a","ver":"1","colour":"blue","instance":null}')).toMatchObject({ host: '', instance: 0, appData: null });
  });

  it('never takes host_ip or last_update from the client', () => {
    const u = parseUpdateJson('{"app":"a","ver":"1","host_ip":"10.9.9.9","last_update":1}');
    expect(JSON.stringify(u)).not.toMatch(/10\.9\.9\.9|last_update/);
  });

  it.each([
    ['instance -1', '{"app":"a","ver":"1","instance":-1}', /invalid_field: instance: expected an integer 0\.\.65535, got -1/],
    ['instance 1.5', '{"app":"a","ver":"1","instance":1.5}', /instance: .* got 1\.5/],
    ['instance 70000', '{"app":"a","ver":"1","instance":70000}', /instance: .* got 70000/],
    ['instance "3"', '{"app":"a","ver":"1","instance":"3"}', /instance: .* got "3"/],
    ['empty app', '{"app":"","ver":"1"}', /invalid_field: app: must not be empty/],
    ['missing ver', '{"app":"a"}', /invalid_field: ver: required/],
    ['a number as ver', '{"app":"a","ver":1.2}', /ver: expected a string, got number/],
    ['a host with a newline', '{"app":"a","ver":"1","host":"a\\nb"}', /host: control characters/],
    ['a 201-character app', JSON.stringify({ app: 'x'.repeat(201), ver: '1' }), /app: at most 200 characters/],
    ['app_data that is a list', '{"app":"a","ver":"1","app_data":[1]}', /app_data: expected a JSON object/],
    ['app_data over 2 KB', JSON.stringify({ app: 'a', ver: '1', app_data: { x: 'y'.repeat(2100) } }), /app_data: at most 2048 bytes/],
    ['an array', '[{"app":"a","ver":"1"}]', /not_object: expected a JSON object, got an array/],
    ['a string', '"app"', /not_object: .* got string/],
    ['null', 'null', /not_object: .* got null/],
    ['trailing junk', '{"app":"a","ver":"1"} {"x":1}', /invalid_json: not JSON/],
    ['no JSON at all', 'app=a&ver=1', /invalid_json/],
  ])('rejects %s, naming what is wrong', (_name, json, message) => {
    expect(reasonOf(() => parseUpdateJson(json))).toMatch(message);
  });

  it('accepts fields right at their limits', () => {
    const u = parseUpdateJson(JSON.stringify({ app: 'a'.repeat(200), ver: 'v'.repeat(200), host: 'h'.repeat(200), instance: 65535, app_data: { x: 'y'.repeat(2000) } }));
    expect(u.instance).toBe(65535);
  });

  it('refuses datagrams over the size limit and bytes that are not UTF-8', () => {
    expect(reasonOf(() => updateText(Buffer.alloc(limits.datagram + 1, 0x20)))).toMatch(/too_large: update of 4097 bytes: at most 4096/);
    expect(reasonOf(() => updateText(Buffer.from([0x7b, 0xff, 0xfe, 0x7d])))).toMatch(/invalid_utf8/);
    expect(reasonOf(() => updateText(Buffer.from('{"app":"Bücher","ver":"1"}')))).toBe('accepted');
  });

  it('keys records by the tuple, so values that concatenate alike stay apart', () => {
    // Partisci's key was app_id+host+instance glued together: ("a", "b1", 0) and ("ab", "1", 0) collided.
    const one = recordKey({ appId: 'a', host: 'b1', instance: 0 });
    const two = recordKey({ appId: 'ab', host: '1', instance: 0 });
    const three = recordKey({ appId: 'a', host: '1', instance: 10 });
    const four = recordKey({ appId: 'a', host: '01', instance: 1 });
    expect(new Set([one, two, three, four]).size).toBe(4);
  });
});
