/** What the terminal prints when the server closes the connection saying why, and whether it stops there. */
export interface CloseLine {
  line: string
  /**
   * Banned from the server: every join would be refused, so the client exits instead of
   * reconnecting to be refused again.
   */
  final: boolean
}

/** The close code of a connection closed for what it did (a flood, a ban from the server). */
const POLICY_VIOLATION = 1008

/** A close the person should read about, in the server's words; `undefined` for any other. */
export function closeLine({ code, reason }: { code: number; reason: string }): CloseLine | undefined {
  const words = reason.trim()
  if (code !== POLICY_VIOLATION || words === '') return undefined
  return { line: `The server closed the connection: ${words}`, final: /^banned from this server\b/i.test(words) }
}
