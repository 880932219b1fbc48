import { usernameKey } from '@parley/events/rules'

interface Claim {
  token: string
  /** The connections holding the name: an array, as a name is seldom open in more than a few tabs. */
  connections: string[]
}

/**
 * Which session holds which name. A name is held while a connection of its session
 * is in a room; the session's token reclaims it, anyone else is refused.
 */
export class NameClaims {
  readonly #claims = new Map<string, Claim>()

  /** Claims `username` for a connection; the token to keep, or undefined when the name is taken. */
  claim(username: string, connectionId: string, token: string | undefined): string | undefined {
    const key = usernameKey(username)
    const held = this.#claims.get(key)
    if (held && held.token !== token && held.connections.length > 0) return undefined
    const claim: Claim = held && held.token === token ? held : { token: token ?? newToken(), connections: [] }
    if (!claim.connections.includes(connectionId)) claim.connections.push(connectionId)
    this.#claims.set(key, claim)
    return claim.token
  }

  /** Lets go of a connection's hold on a name; true when no connection here holds it any more. */
  release(username: string, connectionId: string): boolean {
    const key = usernameKey(username)
    const held = this.#claims.get(key)
    const at = held?.connections.indexOf(connectionId) ?? -1
    if (!held || at < 0) return false
    held.connections.splice(at, 1)
    if (held.connections.length > 0) return false
    this.#claims.delete(key)
    return true
  }
}

function newToken(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(24))).toString('base64url')
}
