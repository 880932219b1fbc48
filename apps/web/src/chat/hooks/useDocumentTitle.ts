import { useEffect } from 'react'
import { totalUnread } from '../model/read-state.ts'
import { type ChatStore, watchStore } from '../store.ts'

/** The page's title, with the number of unread messages first when there are any: `(3) Parley`. */
export function titleFor(unread: number, base = 'Parley'): string {
  return unread > 0 ? `(${unread > 999 ? '999+' : unread}) ${base}` : base
}

/** Keeps the page's title on the number of unread messages across the rooms joined. */
export function useDocumentTitle(store: ChatStore): void {
  useEffect(
    () =>
      watchStore(
        store,
        (state) => totalUnread(state, state.rooms),
        (unread) => {
          document.title = titleFor(unread)
        },
      ),
    [store],
  )
}
