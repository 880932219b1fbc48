import { useEffect, useState, useSyncExternalStore } from 'react'
import { useChatClient } from '../context.ts'
import { initialSearch, type SearchState } from '../model/search.ts'
import { createSearchSession, type SearchSession } from '../net/search-session.ts'

const noSubscription = () => () => undefined
const initialState = () => initialSearch

/**
 * A search session on the chat's connection for as long as the component lives, and its
 * state, re-rendering as it changes. `session` is `null` for the first render only.
 */
export function useSearch(): { state: SearchState; session: SearchSession | null } {
  const client = useChatClient()
  const [session, setSession] = useState<SearchSession | null>(null)
  useEffect(() => {
    const created = createSearchSession(client)
    setSession(created)
    return () => created.dispose()
  }, [client])
  const state = useSyncExternalStore(session?.subscribe ?? noSubscription, session?.getState ?? initialState)
  return { state, session }
}
