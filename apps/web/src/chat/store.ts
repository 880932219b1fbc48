import { type ChatAction, type ChatState, chatReducer } from './model/state.ts'

/**
 * The chat's state outside React: components read slices of it through selectors
 * (`useChatSelector`), so each re-renders only when what it reads changes.
 */
export interface ChatStore {
  getState(): ChatState
  /** Runs the reducer; listeners hear of it only when the state changed. */
  dispatch(action: ChatAction): void
  /** Calls `listener` after every change; returns the way to stop. */
  subscribe(listener: () => void): () => void
}

export function createChatStore(initial: ChatState): ChatStore {
  let state = initial
  const listeners = new Set<() => void>()
  return {
    getState: () => state,
    dispatch(action) {
      const next = chatReducer(state, action)
      if (next === state) return
      state = next
      for (const listener of [...listeners]) listener()
    },
    subscribe(listener) {
      listeners.add(listener)
      return () => {
        listeners.delete(listener)
      }
    },
  }
}

/**
 * Calls `onChange` with what `select` picks from the state now, and again each time it
 * changes (by `isEqual`): for side effects that follow the state without rendering.
 */
export function watchStore<T>(
  store: ChatStore,
  select: (state: ChatState) => T,
  onChange: (value: T) => void,
  isEqual: (a: T, b: T) => boolean = Object.is,
): () => void {
  let held = select(store.getState())
  onChange(held)
  return store.subscribe(() => {
    const next = select(store.getState())
    if (isEqual(held, next)) return
    held = next
    onChange(next)
  })
}
