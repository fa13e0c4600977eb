// Resolves related-topic ids through a sync or async resolver, caching per popover instance.
import { useCallback, useEffect, useReducer, useRef } from 'preact/hooks';
import type { Entity } from '../../core/pack/schema';

export type EntityResolver = (id: string) => Entity | undefined | Promise<Entity | undefined>;

export type Lookup =
  | { status: 'loading' }
  | { status: 'ready'; entity: Entity }
  | { status: 'missing' };

const LOADING: Lookup = { status: 'loading' };
const MISSING: Lookup = { status: 'missing' };

function isThenable(value: unknown): value is PromiseLike<Entity | undefined> {
  return typeof (value as PromiseLike<unknown> | undefined)?.then === 'function';
}

/** Returns lookup(id): cached result, or 'loading' while an async resolver works (re-renders when done). */
export function useEntityLookup(resolve: EntityResolver): (id: string) => Lookup {
  const cache = useRef(new Map<string, Lookup>());
  const resolveRef = useRef(resolve);
  resolveRef.current = resolve;
  const alive = useRef(true);
  const [, rerender] = useReducer((n: number) => n + 1, 0);
  useEffect(() => {
    alive.current = true;
    return () => {
      alive.current = false;
    };
  }, []);

  return useCallback((id: string): Lookup => {
    const hit = cache.current.get(id);
    if (hit) return hit;
    let result: ReturnType<EntityResolver>;
    try {
      result = resolveRef.current(id);
    } catch {
      result = undefined;
    }
    if (isThenable(result)) {
      cache.current.set(id, LOADING);
      const settle = (entity: Entity | undefined) => {
        cache.current.set(id, entity ? { status: 'ready', entity } : MISSING);
        if (alive.current) rerender(0);
      };
      result.then(settle, () => settle(undefined));
      return LOADING;
    }
    const found: Lookup = result ? { status: 'ready', entity: result } : MISSING;
    cache.current.set(id, found);
    return found;
  }, []);
}
