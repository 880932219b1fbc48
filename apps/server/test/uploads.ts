import { UPLOAD_PATH } from '@parley/events/rules'

/** Who uploads: a joined name, its session token and the room. */
export interface Uploader {
  http: string
  room: string
  user: string
  token: string
}

/** Uploads `bytes` as `name` the way the web app does: the raw bytes as the body. */
export function upload(who: Uploader, name: string, bytes: Uint8Array | string, headers: Record<string, string> = {}) {
  const query = new URLSearchParams({ room: who.room, user: who.user, name })
  return fetch(`${who.http}${UPLOAD_PATH}?${query}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${who.token}`, ...headers },
    body: bytes,
  })
}

/**
 * Starts an upload that announces `length` bytes, sends `sent` of them and then goes
 * quiet; resolves with the status line the server answers (or '' if it only hangs up).
 */
export function stalledUpload(who: Uploader, name: string, length: number, sent: number): Promise<string> {
  const url = new URL(who.http)
  const query = new URLSearchParams({ room: who.room, user: who.user, name })
  const head = [
    `POST ${UPLOAD_PATH}?${query} HTTP/1.1`,
    `Host: ${url.host}`,
    `Authorization: Bearer ${who.token}`,
    `Content-Length: ${length}`,
    '',
    '',
  ].join('\r\n')
  return new Promise((resolve, reject) => {
    let answer = ''
    Bun.connect({
      hostname: url.hostname,
      port: Number(url.port),
      socket: {
        open(socket) {
          socket.write(head)
          socket.write(new Uint8Array(sent).fill(97))
        },
        data(socket, data) {
          answer += data.toString()
          if (!answer.includes('\r\n')) return
          resolve(answer.slice(0, answer.indexOf('\r\n')))
          socket.end()
        },
        close: () => resolve(answer),
        error: (_, error) => reject(error),
      },
    }).catch(reject)
  })
}
