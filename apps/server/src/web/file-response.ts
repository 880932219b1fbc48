import { CODINGS, chooseCoding } from './accept-encoding.ts'
import type { BuiltFile } from './built-files.ts'

/** Whether `If-None-Match` names `etag` (weak comparison, as for GET and HEAD), or is `*`. */
function matches(ifNoneMatch: string | null, etag: string): boolean {
  if (ifNoneMatch === null) return false
  return ifNoneMatch.split(',').some((tag) => {
    const trimmed = tag.trim()
    return trimmed === '*' || trimmed.replace(/^W\//, '') === etag
  })
}

/**
 * Answers a GET or HEAD for `file` in the coding the request's `Accept-Encoding` prefers of
 * those the build wrote (else as it is), under the original's media type, with `headers`
 * (caching, policy) on top. A file with variants says `Vary: Accept-Encoding`, so caches
 * keep one copy per coding; a request that already holds this copy gets a 304.
 */
export function fileResponse(file: BuiltFile, request: Request, headers: Record<string, string>): Response {
  const available = CODINGS.filter((coding) => file.variants[coding] !== undefined)
  const coding = chooseCoding(request.headers.get('accept-encoding'), available)
  const sent = (coding && file.variants[coding]) || file.identity
  const common: Record<string, string> = { ...headers, etag: sent.etag }
  if (available.length > 0) common.vary = 'Accept-Encoding'
  if (matches(request.headers.get('if-none-match'), sent.etag))
    return new Response(null, { status: 304, headers: common })
  if (coding) common['content-encoding'] = coding
  return new Response(Bun.file(sent.path), { headers: { ...common, 'content-type': file.type } })
}
