/** What the server said when it closed the connection: its close code and reason. */
export interface ServerClose {
  code: number
  reason: string
}

/** What the page makes of a close: the words to show, and whether the rooms are lost. */
export interface CloseOutcome {
  /** The server's reason, as a sentence. */
  notice: string
  /**
   * The person is banned from the server: every room would refuse them, so the tab leaves
   * them all (and shows the join screen) instead of asking each again on the reconnection.
   */
  shutOut: boolean
}

/** The close code of a connection closed for what it did (a flood, a ban from the server). */
const POLICY_VIOLATION = 1008

/** How the server words the close of a person it bans (`Banned from this server for good`). */
const BANNED_FROM_SERVER = /^banned from this server\b/i

/** A close the person should be told about, in the server's words; `null` for any other. */
export function closeOutcome({ code, reason }: ServerClose): CloseOutcome | null {
  if (code !== POLICY_VIOLATION || reason.trim() === '') return null
  const words = reason.trim()
  const notice = /[.!?]$/.test(words) ? words : `${words}.`
  if (BANNED_FROM_SERVER.test(words)) return { notice, shutOut: true }
  return { notice: `The server closed the connection: ${notice}`, shutOut: false }
}
