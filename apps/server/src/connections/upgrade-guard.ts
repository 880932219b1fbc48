import type { Limits } from '../limits.ts'

/** Open connections per client address. */
export class AddressCounts {
  readonly #counts = new Map<string, number>()

  get(address: string): number {
    return this.#counts.get(address) ?? 0
  }

  add(address: string): void {
    this.#counts.set(address, this.get(address) + 1)
  }

  remove(address: string): void {
    const left = this.get(address) - 1
    if (left > 0) this.#counts.set(address, left)
    else this.#counts.delete(address)
  }
}

/**
 * Decides, before a socket exists, whether a WebSocket upgrade may proceed: a
 * browser page must be served by this host or come from ALLOWED_ORIGINS (clients
 * without an Origin header, like the terminal client, are not browsers), and one
 * address may hold only so many connections. Returns the refusal, or nothing.
 */
export function checkUpgrade(request: Request, address: string | undefined, limits: Limits, counts: AddressCounts) {
  const origin = request.headers.get('origin')
  if (origin !== null && !originAllowed(origin, request.headers.get('host'), limits.allowedOrigins)) {
    return new Response('This origin may not open a Parley connection', { status: 403 })
  }
  if (address !== undefined && counts.get(address) >= limits.maxConnectionsPerAddress) {
    return new Response('Too many connections from your address', { status: 429 })
  }
  return undefined
}

function originAllowed(origin: string, host: string | null, allowed: readonly string[]): boolean {
  if (allowed.includes(origin)) return true
  try {
    // Scheme aside: behind a TLS proxy the page is https while the upgrade reaches us as http.
    return host !== null && new URL(origin).host === host
  } catch {
    return false
  }
}
