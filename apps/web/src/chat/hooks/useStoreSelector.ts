import { useRef, useSyncExternalStore } from 'react'
import type { ChatState } from '../model/state.ts'
import type { ChatStore } from '../store.ts'

/**
 * What `selector` picks from the store, re-rendering only when that changes (by `isEqual`,
 * `Object.is` unless told). A selector must return the same value for the same state:
 * a piece of the state, a primitive, or a new object with an `isEqual` that sees through it.
 */
export function useStoreSelector<T>(
  store: ChatStore,
  selector: (state: ChatState) => T,
  isEqual: (a: T, b: T) => boolean = Object.is,
): T {
  // The last value handed out: an equal new one is replaced by it, so React sees no change.
  const held = useRef<{ value: T } | null>(null)
  const getSnapshot = () => {
    const next = selector(store.getState())
    const previous = held.current
    if (previous !== null && isEqual(previous.value, next)) return previous.value
    held.current = { value: next }
    return next
  }
  return useSyncExternalStore(store.subscribe, getSnapshot)
}
