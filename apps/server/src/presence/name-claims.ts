import { usernameKey } from '@parley/events/rules'
import { type ConnectionIds, hasConnection, withConnection, withoutConnection } from './connection-ids.ts'

interface Claim {
  token: string
  /** The connections holding the name (a claim with none is dropped). */
  connections: ConnectionIds
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
    if (held && held.token !== token) return undefined
    if (held) {
      held.connections = withConnection(held.connections, connectionId)
      return held.token
    }
    const claim: Claim = { token: token ?? newToken(), connections: connectionId }
    this.#claims.set(key, claim)
    return claim.token
  }

  /** Whether `token` holds `username` here. */
  holds(username: string, token: string): boolean {
    return this.#claims.get(usernameKey(username))?.token === token
  }

  /** The token of the session holding `username` here, if one does. */
  tokenOf(username: string): string | undefined {
    return this.#claims.get(usernameKey(username))?.token
  }

  /** Lets go of a connection's hold on a name; true when no connection here holds it any more. */
  release(username: string, connectionId: string): boolean {
    const key = usernameKey(username)
    const held = this.#claims.get(key)
    if (!held || !hasConnection(held.connections, connectionId)) return false
    const left = withoutConnection(held.connections, connectionId)
    if (left !== undefined) {
      held.connections = left
      return false
    }
    this.#claims.delete(key)
    return true
  }
}

/** A new session token: 192 random bits, base64url. */
export function newToken(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(24))).toString('base64url')
}
