import fc from 'fast-check';
import type { Json, JsonObject } from './model';
import { applyPatch, getPath, isJsonObject, setPath } from './paths';

describe('getPath', () => {
  const obj: JsonObject = { status: { name: 'Done', category: { key: 'done' } }, labels: ['a'], empty: null };

  it('reads top-level and nested values', () => {
    expect(getPath(obj, 'labels')).toEqual(['a']);
    expect(getPath(obj, 'status.name')).toBe('Done');
    expect(getPath(obj, 'status.category.key')).toBe('done');
    expect(getPath(obj, 'empty')).toBeNull();
  });

  it('is undefined for missing steps and steps through non-objects', () => {
    expect(getPath(obj, 'missing')).toBeUndefined();
    expect(getPath(obj, 'status.missing.deeper')).toBeUndefined();
    expect(getPath(obj, 'status.name.length')).toBeUndefined();
    expect(getPath(obj, 'labels.0')).toBeUndefined();
    expect(getPath(obj, 'empty.x')).toBeUndefined();
  });

  it('reads own properties only', () => {
    expect(getPath(obj, '__proto__')).toBeUndefined();
    expect(getPath(obj, 'status.constructor')).toBeUndefined();
    expect(getPath(obj, 'toString')).toBeUndefined();
  });
});

describe('setPath', () => {
  it('returns a new object and leaves the input untouched', () => {
    const obj: JsonObject = { status: { name: 'Open', id: '1' }, other: { x: 1 } };
    const before = structuredClone(obj);
    const out = setPath(obj, 'status.name', 'Done');
    expect(out).toEqual({ status: { name: 'Done', id: '1' }, other: { x: 1 } });
    expect(obj).toEqual(before);
    expect(out.other).toBe(obj.other); // untouched branches are shared
  });

  it('creates missing objects and replaces non-objects along the path', () => {
    expect(setPath({}, 'a.b.c', 1)).toEqual({ a: { b: { c: 1 } } });
    expect(setPath({ a: 'text' }, 'a.b', 1)).toEqual({ a: { b: 1 } });
    expect(setPath({ a: null }, 'a.b', 1)).toEqual({ a: { b: 1 } });
    expect(setPath({ a: [1, 2] }, 'a.b', 1)).toEqual({ a: { b: 1 } });
  });

  it('stores null as a cleared value', () => {
    expect(setPath({ assignee: { id: 'u1' } }, 'assignee', null)).toEqual({ assignee: null });
    expect(setPath({ status: { name: 'Open' } }, 'status.name', null)).toEqual({ status: { name: null } });
  });

  it('makes __proto__ an own key instead of touching a prototype', () => {
    const out = setPath({}, '__proto__.polluted', true);
    expect(Object.hasOwn(out, '__proto__')).toBe(true);
    expect(getPath(out, '__proto__.polluted')).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  const key = fc.constantFrom('a', 'b', 'c', 'name', '__proto__');
  const path = fc.array(key, { minLength: 1, maxLength: 4 }).map((keys) => keys.join('.'));
  const json = fc.jsonValue() as fc.Arbitrary<Json>;
  const object = fc.dictionary(key, json) as fc.Arbitrary<JsonObject>;

  it('reads back what it wrote and leaves disjoint paths alone', () => {
    fc.assert(
      fc.property(object, path, path, json, (obj, p, q, value) => {
        const out = setPath(obj, p, value);
        expect(getPath(out, p)).toEqual(value);
        // q neither contains nor is contained in p: its value is unchanged
        if (!`${q}.`.startsWith(`${p}.`) && !`${p}.`.startsWith(`${q}.`)) {
          expect(getPath(out, q)).toEqual(getPath(obj, q));
        }
      }),
    );
  });
});

describe('applyPatch', () => {
  it('applies every entry in order', () => {
    const out = applyPatch({ title: 'old' }, { title: 'new', 'status.name': 'Done', labels: ['a'] });
    expect(out).toEqual({ title: 'new', status: { name: 'Done' }, labels: ['a'] });
    expect(applyPatch({}, { 'a.b': 1, a: 2 })).toEqual({ a: 2 });
    expect(applyPatch({}, { a: 2, 'a.b': 1 })).toEqual({ a: { b: 1 } });
  });
});

describe('isJsonObject', () => {
  it('accepts plain objects only', () => {
    expect(isJsonObject({})).toBe(true);
    expect([null, [], 'x', 1, true, undefined].map(isJsonObject)).toEqual([
      false,
      false,
      false,
      false,
      false,
      false,
    ]);
  });
});
