import type { Attachment } from '@parley/events'
import { fileUrl, formatFileSize } from '@parley/events/rules'
import { printable } from './terminal-text.ts'

/**
 * The web origin of the server behind a WebSocket address: `ws://host:3001/ws` gives
 * `http://host:3001`, `wss://…` gives `https://…`. Anything that is not a ws(s) or http(s)
 * URL gives `''` (file links are then printed as paths).
 */
export function webOrigin(socketUrl: string): string {
  let url: URL
  try {
    url = new URL(socketUrl)
  } catch {
    return ''
  }
  const protocol = { 'ws:': 'http:', 'wss:': 'https:', 'http:': 'http:', 'https:': 'https:' }[url.protocol]
  return protocol === undefined ? '' : `${protocol}//${url.host}`
}

/** A message's files, one line each: `  📎 app.log (1.2 MB) http://host/files/<id>/app.log`. */
export function fileLines(files: readonly Attachment[] | undefined, origin: string): string[] {
  return (files ?? []).map((file) => {
    const name = printable(file.name)
    return `  📎 ${name} (${formatFileSize(file.size)}) ${origin}${fileUrl(file.id, file.name)}`
  })
}
