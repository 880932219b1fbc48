import { useEffect } from 'react'

/** The page's title, with the number of unread messages first when there are any: `(3) Parley`. */
export function titleFor(unread: number, base = 'Parley'): string {
  return unread > 0 ? `(${unread > 999 ? '999+' : unread}) ${base}` : base
}

export function useDocumentTitle(unread: number): void {
  useEffect(() => {
    document.title = titleFor(unread)
  }, [unread])
}
