import { events, roomNameSchema, usernameSchema } from '@parley/events'
import { createClient } from '@parley/wsx/client'

/**
 * Everything that needs the events' schemas (zod) or the wire codec (cbor-x). The app
 * loads this module right after its first paint (see `loadConnection` in client.ts), so
 * the join screen and the chat's frame draw without waiting for those libraries.
 */
export { redeemHandoff } from './handoff-redeem.ts'
export { browserTokens } from './session-token.ts'

/** A wsx client on Parley's events, connecting to whatever `url` answers each time. */
export function createEventsClient(url: () => string) {
  return createClient(url, events)
}

/** A value as the server will take it, or why it will not. */
type Checked = { ok: true; value: string } | { ok: false; error: string }

function check(schema: typeof usernameSchema | typeof roomNameSchema, input: string): Checked {
  const parsed = schema.safeParse(input)
  if (parsed.success) return { ok: true, value: parsed.data }
  return { ok: false, error: parsed.error.issues[0]?.message ?? 'This value is not valid' }
}

/** A username by the server's rules (NFKC, trimmed, 1 to 50 visible characters). */
export function checkUsername(input: string): Checked {
  return check(usernameSchema, input)
}

/** A room name by the server's rules (trimmed, 1 to 50 characters), folded to lower case. */
export function checkRoomName(input: string): Checked {
  const checked = check(roomNameSchema, input)
  return checked.ok ? { ok: true, value: checked.value.toLowerCase() } : checked
}
