/**
 * The ForgeDoc: the tree @forge/react's reconciler hands to the bridge on every commit
 * (out/reconciler.js `resetAfterCommit` → `callBridge('reconcile', { forgeDoc })`). Each node is
 * `{ type, props, children, key }`; text is a `String` node with `props.text`; function props (event
 * handlers) are the app's own functions. The reconciler tags those it sees at creation with a uuid in
 * `fn.__id__` (`attachFunctionPropId`), but `prepareUpdate` stores a re-render's props as they come, so a new
 * closure after an update has no id: those get one here (kept in a WeakMap, the app's function is not touched).
 * The tree is live (mutated in place by later commits) and belongs to another
 * realm (the panel's vm context), so it is read with type checks into plain host objects, and functions are
 * swapped for `HandlerRef`s whose ids the page posts back when the person clicks.
 */

import { randomUUID } from 'node:crypto';

export class HandlerRef {
  constructor(readonly id: string) {}
}

export interface ForgeNode {
  type: string;
  /**
   * Where the node sits (child indexes from the root, `0.2.1`). The page marks controls with it so a control
   * can be found again after a re-render has replaced it (and its handler's id).
   */
  path: string;
  props: Readonly<Record<string, unknown>>;
  children: readonly ForgeNode[];
}

export interface ForgeDocSnapshot {
  root: ForgeNode | undefined;
  /** Handler id → the app's function (kept as `unknown`: it is called only after a `typeof` check). */
  handlers: ReadonlyMap<string, unknown>;
}

/** Deeper than any real UI; stops a cyclic or runaway tree from hanging the server. */
const MAX_DEPTH = 256;

const isRecord = (value: unknown): value is object => typeof value === 'object' && value !== null;

const assignedIds = new WeakMap<object, string>();

function handlerId(fn: object): string {
  const tagged: unknown = Reflect.get(fn, '__id__');
  if (typeof tagged === 'string') return tagged;
  let id = assignedIds.get(fn);
  if (id === undefined) {
    id = randomUUID();
    assignedIds.set(fn, id);
  }
  return id;
}

export function readForgeDoc(live: unknown): ForgeDocSnapshot {
  const handlers = new Map<string, unknown>();

  const readProps = (value: unknown): Record<string, unknown> => {
    const props: Record<string, unknown> = {};
    if (!isRecord(value)) return props;
    for (const name of Object.keys(value)) {
      if (name === 'children') continue;
      const prop: unknown = Reflect.get(value, name);
      if (typeof prop === 'function') {
        const id = handlerId(prop);
        handlers.set(id, prop);
        props[name] = new HandlerRef(id);
      } else {
        props[name] = prop;
      }
    }
    return props;
  };

  const readNode = (value: unknown, path: string, depth: number): ForgeNode | undefined => {
    if (!isRecord(value) || depth > MAX_DEPTH) return undefined;
    const type: unknown = Reflect.get(value, 'type');
    if (typeof type !== 'string') return undefined;
    const rawChildren: unknown = Reflect.get(value, 'children');
    const children = Array.isArray(rawChildren)
      ? rawChildren.flatMap((c: unknown, i: number) => {
          const node = readNode(c, `${path}.${i}`, depth + 1);
          return node ? [node] : [];
        })
      : [];
    return { type, path, props: readProps(Reflect.get(value, 'props')), children };
  };

  return { root: readNode(live, '0', 0), handlers };
}

export function propString(node: ForgeNode, name: string): string | undefined {
  const value = node.props[name];
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined;
}

export function propBool(node: ForgeNode, name: string): boolean {
  return node.props[name] === true;
}

export function propHandler(node: ForgeNode, name: string): HandlerRef | undefined {
  const value = node.props[name];
  return value instanceof HandlerRef ? value : undefined;
}

/** The text of a subtree: what a component such as Badge or Lozenge shows. */
export function textOf(node: ForgeNode): string {
  if (node.type === 'String') return propString(node, 'text') ?? '';
  return node.children.map(textOf).join('');
}
