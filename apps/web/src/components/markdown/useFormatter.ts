import { useEffect, useSyncExternalStore } from 'react'
import type { FormatMessage } from '../../chat/model/markdown/formatted-message.ts'

let format: FormatMessage | null = null
let loading = false
const listeners = new Set<() => void>()

/** Fetches the Markdown parser's chunk once; if that fails, messages stay as typed until the next try. */
function load(): void {
  if (format !== null || loading) return
  loading = true
  import('../../chat/model/markdown/format-message.ts').then(
    (module) => {
      format = module.formatMessage
      for (const listener of listeners) listener()
    },
    () => {
      // The page's load recovery (vite:preloadError) deals with a chunk that is gone.
      loading = false
    },
  )
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener)
  return () => listeners.delete(listener)
}

/**
 * The Markdown formatter, for a message that may have formatting (`wanted`), once its chunk
 * has loaded; `null` until then, and always for a message that needs none, which therefore
 * never renders again when the formatter arrives. The first message that wants it starts the load.
 */
export function useFormatter(wanted: boolean): FormatMessage | null {
  const current = useSyncExternalStore(subscribe, () => (wanted ? format : null))
  useEffect(() => {
    if (wanted) load()
  }, [wanted])
  return current
}
