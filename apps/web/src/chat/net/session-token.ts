import { sessionTokenSchema } from '@parley/events'
import { browserStorageKeys } from '@parley/events/rules'

/** Where the browser keeps its session token: one for every tab, so two tabs are one session. */
const TOKEN_KEY = browserStorageKeys.token

/** The browser's session token, as the server last issued it. */
export interface TokenStore {
  /** The stored token, or `null`; a stored value that is not a token is dropped. */
  load(): string | null
  /** Keeps `token` (a value that is not a token is dropped instead); `null` forgets it. */
  save(token: string | null): void
}

/** A token store on a Web Storage area; storage that is disabled or full is treated as empty. */
export function createTokenStore(storage: () => Storage, key = TOKEN_KEY): TokenStore {
  const remove = () => {
    try {
      storage().removeItem(key)
    } catch {
      // Storage is disabled: there is nothing to remove.
    }
  }
  return {
    load() {
      let text: string | null
      try {
        text = storage().getItem(key)
      } catch {
        return null
      }
      if (text === null) return null
      const parsed = sessionTokenSchema.safeParse(text)
      if (parsed.success) return parsed.data
      remove()
      return null
    },
    save(token) {
      const parsed = sessionTokenSchema.safeParse(token)
      if (!parsed.success) return remove()
      try {
        storage().setItem(key, parsed.data)
      } catch {
        // Storage is full or disabled (private mode): the name is then kept only while connected.
      }
    },
  }
}

/** The token store of this browser (localStorage, shared by its tabs). */
export const browserTokens: TokenStore = createTokenStore(() => window.localStorage)
