/** The longest name kept, in characters (code points), extension included. */
export const MAX_FILE_NAME_LENGTH = 120

/** Characters that never show: controls (NUL included), format (bidi overrides, zero-width), line and paragraph separators, lone surrogates, non-characters. */
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}\uFFFE\uFFFF]/gu
/** Characters that are path separators or not allowed in file names somewhere (Windows). */
const UNSAFE = /[<>:"/\\|?*]/g
const WINDOWS_DEVICE = /^(?:CON|PRN|AUX|NUL|COM\d|LPT\d)$/i
const EXTENSION = /\.[^\s.]{1,16}$/u
const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' })

/**
 * An uploaded file's name made safe to show and to send in a header: NFC; no control,
 * format (U+202E and the other direction overrides, zero-width characters) or line
 * separator characters; only its last path segment (`/` or `\`); `_` for characters file
 * systems refuse; no leading dots; at most MAX_FILE_NAME_LENGTH characters, keeping its
 * extension and whole characters; `file` when nothing is left. Applying it twice changes nothing.
 */
export function safeFileName(raw: string): string {
  const visible = raw.replace(INVISIBLE, '').normalize('NFC')
  const segment =
    visible
      .split(/[/\\]/)
      .filter((part) => part.trim() !== '')
      .at(-1) ?? ''
  let name = segment
    .replace(UNSAFE, '_')
    .replace(/\s+/g, ' ')
    .replace(/^[.\s]+|[.\s]+$/g, '')
  if (WINDOWS_DEVICE.test(name.split('.')[0] ?? '')) name = `_${name}`
  return shorten(name) || 'file'
}

/** The name within MAX_FILE_NAME_LENGTH characters: the stem cut between whole characters, the extension kept. */
function shorten(name: string): string {
  if (codePoints(name) <= MAX_FILE_NAME_LENGTH) return name
  const extension = EXTENSION.exec(name)?.[0] ?? ''
  const stem = name.slice(0, name.length - extension.length)
  const room = MAX_FILE_NAME_LENGTH - codePoints(extension)
  let kept = ''
  let used = 0
  for (const { segment } of graphemes.segment(stem)) {
    used += codePoints(segment)
    if (used > room) break
    kept += segment
  }
  kept = kept.replace(/[.\s]+$/, '')
  return (kept || 'file') + extension
}

function codePoints(text: string): number {
  let count = 0
  for (const _ of text) count++
  return count
}

/**
 * A `Content-Disposition` header value for a file called `name` (made safe with
 * `safeFileName` first): an ASCII `filename` for old clients (accents dropped, other
 * characters `_`) and the exact name as RFC 5987 `filename*=UTF-8''…`.
 */
export function contentDisposition(disposition: 'inline' | 'attachment', name: string): string {
  const safe = safeFileName(name)
  const ascii = safe
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[^\x20-\x7e]|["\\]/g, '_')
  return `${disposition}; filename="${ascii}"; filename*=UTF-8''${encodeRfc5987(safe)}`
}

/** Percent-encodes all but RFC 5987's attr-chars (encodeURIComponent leaves `'()*` as they are). */
function encodeRfc5987(value: string): string {
  return encodeURIComponent(value).replace(/['()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`)
}
