import { browserStorageKeys, sameName } from '@parley/events/rules'

/** Unsent composer text, by room. */
export type Drafts = Readonly<Record<string, string>>

const DRAFTS_KEY = browserStorageKeys.drafts

/** This tab's storage: drafts outlive a reload (a deploy's, say), not the tab. */
const perTab = (): Storage => window.sessionStorage

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** Only rooms with some text; a room whose draft was sent or cleared is left out. */
function nonEmpty(drafts: Readonly<Record<string, unknown>>): Record<string, string> {
  const kept: Record<string, string> = {}
  for (const [room, text] of Object.entries(drafts)) if (typeof text === 'string' && text !== '') kept[room] = text
  return kept
}

/**
 * The drafts this tab kept for `username`, by room; none for anyone else (another person
 * signing in on this tab does not see them), and none when storage is unreadable.
 */
export function loadDrafts(username: string | null, storage: () => Storage = perTab): Record<string, string> {
  if (username === null) return {}
  let saved: unknown
  try {
    const text = storage().getItem(DRAFTS_KEY)
    if (text === null) return {}
    saved = JSON.parse(text)
  } catch {
    return {}
  }
  if (!isRecord(saved) || typeof saved.username !== 'string' || !isRecord(saved.rooms)) return {}
  return sameName(saved.username, username) ? nonEmpty(saved.rooms) : {}
}

/** Keeps `username`'s drafts in this tab, replacing what was kept; nothing is kept once every draft is empty. */
export function saveDrafts(username: string | null, drafts: Drafts, storage: () => Storage = perTab): void {
  const rooms = nonEmpty(drafts)
  try {
    if (username === null || Object.keys(rooms).length === 0) storage().removeItem(DRAFTS_KEY)
    else storage().setItem(DRAFTS_KEY, JSON.stringify({ username, rooms }))
  } catch {
    // Storage can be full or disabled (private mode): the drafts then live only as long as the page.
  }
}
