/** Loads one resolver answer for a component, with a reload for after a change. */
import { useCallback, useEffect, useState } from 'react';
import { messageOf } from '../api';

export type Loaded<T> =
  | { state: 'loading' }
  | { state: 'error'; message: string }
  | { state: 'ready'; data: T };

export function useLoad<T>(
  load: () => Promise<T>,
  deps: readonly unknown[],
): [Loaded<T>, () => Promise<void>] {
  const [loaded, setLoaded] = useState<Loaded<T>>({ state: 'loading' });
  // The caller names what the loader depends on, as with useEffect.
  const stable = useCallback(load, deps);
  const reload = useCallback(async () => {
    try {
      setLoaded({ state: 'ready', data: await stable() });
    } catch (err) {
      setLoaded({ state: 'error', message: messageOf(err) });
    }
  }, [stable]);
  useEffect(() => {
    void reload();
  }, [reload]);
  return [loaded, reload];
}
