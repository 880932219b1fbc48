import type { Attachment } from '@parley/events'
import { browserStorageKeys } from '@parley/events/rules'

/** What a reload needs to go straight back into the chat. */
interface SavedSession {
  username: string
  rooms: string[]
  current: string | null
}

const { username: USERNAME_KEY, session: SESSION_KEY, outbox: OUTBOX_KEY, operator: OPERATOR_KEY } = browserStorageKeys

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string')
}

function parseSession(text: string): SavedSession | null {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    return null
  }
  if (typeof value !== 'object' || value === null) return null
  const { username, rooms, current } = value as Record<string, unknown>
  if (typeof username !== 'string' || username === '' || !isStringArray(rooms) || rooms.length === 0) return null
  return { username, rooms, current: typeof current === 'string' && rooms.includes(current) ? current : null }
}

function read(storage: () => Storage, key: string): string | null {
  try {
    return storage().getItem(key)
  } catch {
    return null
  }
}

function write(storage: () => Storage, key: string, value: string | null): void {
  try {
    if (value === null) storage().removeItem(key)
    else storage().setItem(key, value)
  } catch {
    // Storage can be full or disabled (private mode); the chat works without it.
  }
}

const local = () => window.localStorage
const perTab = () => window.sessionStorage

/** The username last used on this browser, to prefill the join screen. */
export function loadLastUsername(): string {
  return read(local, USERNAME_KEY) ?? ''
}

export function saveLastUsername(username: string): void {
  write(local, USERNAME_KEY, username)
}

/** This tab's joined rooms; kept per tab so two tabs can be two people. */
export function loadSession(): SavedSession | null {
  const text = read(perTab, SESSION_KEY)
  return text === null ? null : parseSession(text)
}

export function saveSession(session: SavedSession | null): void {
  write(perTab, SESSION_KEY, session === null ? null : JSON.stringify(session))
}

/** One of our messages that had not been confirmed, as kept across a reload. */
export interface SavedOutgoing {
  clientId: string
  room: string
  username: string
  message: string
  createdAt: number
  /** The seq of the message it answers. */
  replyTo?: number
  /** The files it carries, uploaded already. */
  files?: Attachment[]
}

const isPositiveInteger = (value: unknown) => typeof value === 'number' && Number.isInteger(value) && value > 0

/** A file as this tab kept it (it came from the server through the schema before it was kept). */
function isAttachment(value: unknown): value is Attachment {
  if (typeof value !== 'object' || value === null) return false
  const { id, name, type, size, image } = value as Record<string, unknown>
  if (typeof id !== 'string' || typeof name !== 'string' || typeof type !== 'string' || !isPositiveInteger(size)) {
    return false
  }
  if (image === undefined) return true
  if (typeof image !== 'object' || image === null) return false
  const { width, height, thumbWidth, thumbHeight } = image as Record<string, unknown>
  return [width, height, thumbWidth, thumbHeight].every(isPositiveInteger)
}

function parseOutbox(text: string): SavedOutgoing[] {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    return []
  }
  if (!Array.isArray(value)) return []
  return value.flatMap((item: unknown) => {
    if (typeof item !== 'object' || item === null) return []
    const { clientId, room, username, message, createdAt, replyTo, files } = item as Record<string, unknown>
    if (typeof clientId !== 'string' || typeof room !== 'string' || typeof username !== 'string') return []
    if (typeof message !== 'string' || typeof createdAt !== 'number') return []
    const saved: SavedOutgoing = { clientId, room, username, message, createdAt }
    if (isPositiveInteger(replyTo)) saved.replyTo = replyTo as number
    if (Array.isArray(files) && files.length > 0 && files.every(isAttachment)) saved.files = files
    return [saved]
  })
}

/** This tab's messages that were not confirmed when the page went away, so their text is not lost. */
export function loadOutbox(): SavedOutgoing[] {
  const text = read(perTab, OUTBOX_KEY)
  return text === null ? [] : parseOutbox(text)
}

export function saveOutbox(outbox: SavedOutgoing[]): void {
  write(perTab, OUTBOX_KEY, outbox.length === 0 ? null : JSON.stringify(outbox))
}

/** The operator's token this tab acts with, presented again on every reconnection; per tab, gone with it. */
export function loadOperatorToken(): string | null {
  return read(perTab, OPERATOR_KEY)
}

export function saveOperatorToken(token: string | null): void {
  write(perTab, OPERATOR_KEY, token)
}
