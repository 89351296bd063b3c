import fc from 'fast-check';
import { assertValidKey, escapeKeyPart, keys, StorageKeyError, unescapeKeyPart } from './keys';

const FORGE_KEY = /^(?!\s+$)[a-zA-Z0-9:._\s\-#]+$/;
const id = fc.string({ minLength: 1, maxLength: 40, unit: 'grapheme' });

describe('key scheme', () => {
  it('escapes any id into a separator-free part that Forge accepts and that reads back', () => {
    fc.assert(
      fc.property(id, (raw) => {
        const part = escapeKeyPart(raw);
        expect(part).toMatch(/^[A-Za-z0-9._#-]+$/);
        expect(unescapeKeyPart(part)).toBe(raw);
      }),
    );
  });

  it('gives different ids different keys', () => {
    fc.assert(
      fc.property(id, id, (a, b) => {
        fc.pre(a !== b);
        expect(keys.sideIndex('c', 'local', a)).not.toBe(keys.sideIndex('c', 'local', b));
        expect(keys.pair(a, 'p')).not.toBe(keys.pair(b, 'p'));
      }),
    );
  });

  it('builds only keys Forge accepts, each family under its own versioned prefix', () => {
    const all = [
      keys.pair('c1', 'r-group/proj#1'),
      keys.sideIndex('c1', 'remote', 'group/proj#1'),
      keys.connectionState('c1'),
      keys.lock('c1', '*'),
      keys.connectionConfig('c1'),
      keys.credential('c1', 'token'),
    ];
    for (const k of all) expect(k).toMatch(FORGE_KEY);
    expect(all).toEqual([
      'v1:pair:c1:r-group#2Fproj#231',
      'v1:idx:c1:remote:group#2Fproj#231',
      'v1:conn:c1:state',
      'v1:lock:c1:#2A',
      'v1:connection:c1',
      'v1:secret:c1:token',
    ]);
    expect(keys.pair('c1', 'x').startsWith(keys.pairPrefix('c1'))).toBe(true);
    expect(keys.pair('c10', 'x').startsWith(keys.pairPrefix('c1'))).toBe(false);
  });

  it('rejects an empty id and a key over 500 characters with a message that says so', () => {
    expect(() => escapeKeyPart('')).toThrow(StorageKeyError);
    expect(() => assertValidKey('k'.repeat(501))).toThrow(/501 characters, over the Forge limit of 500/);
    expect(assertValidKey('k'.repeat(500))).toHaveLength(500);
  });
});
