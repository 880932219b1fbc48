/** Where an invite link leads: a room, the invite that lets one in, and the server's web address. */
export interface InviteTarget {
  room: string
  invite?: string
  /** `http(s)://host[:port]` when the link names one; `''` for a bare `#room=…&invite=…`. */
  origin: string
}

/**
 * A private room's invite link, as the web app opens it: `<origin>/#room=<room>&invite=<token>`.
 * The room and invite ride in the fragment, which browsers never send to the server.
 */
export function inviteLink(origin: string, room: string, invite: string): string {
  return `${origin}/#${new URLSearchParams({ room, invite }).toString()}`
}

/** A web link's origin and path, when `text` is an http(s) URL. */
function webLink(text: string): { origin: string; pathname: string } | undefined {
  try {
    const url = new URL(text)
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : undefined
  } catch {
    return undefined
  }
}

/** The room a web app address names, `<origin>/r/<room>`, if it names one. */
function roomOfPath(link: { origin: string; pathname: string }): InviteTarget | undefined {
  const match = /^\/r\/([^/]+)\/?$/u.exec(link.pathname)
  if (!match?.[1]) return undefined
  try {
    const room = decodeURIComponent(match[1]).trim()
    return room ? { room, origin: link.origin } : undefined
  } catch {
    return undefined
  }
}

/**
 * Reads an invite link, or just its fragment (`#room=<room>&invite=<token>`), or the web
 * app's address of a room (`<origin>/r/<room>`); `undefined` when `text` is none of these,
 * so it can be taken as a room's name.
 */
export function parseInviteLink(text: string): InviteTarget | undefined {
  const hash = text.indexOf('#')
  if (hash < 0) {
    const link = webLink(text)
    return link && roomOfPath(link)
  }
  const before = text.slice(0, hash)
  let origin = ''
  if (before !== '') {
    const link = webLink(before)
    if (!link) return undefined
    origin = link.origin
  }
  const fields = new URLSearchParams(text.slice(hash + 1))
  const room = fields.get('room')?.trim()
  if (!room) return undefined
  const invite = fields.get('invite')?.trim()
  return invite ? { room, invite, origin } : { room, origin }
}

/** The WebSocket address of the server whose web address is `origin`: `https://host` gives `wss://host/ws`. */
export function socketUrlOf(origin: string): string {
  return `${origin.replace(/^http/, 'ws')}/ws`
}
