/** Characters that continue a name: `@ann` is not a mention of "an". */
const NAME_CHAR = /[\p{L}\p{N}\p{M}_-]/u

function isBoundary(char: string | undefined): boolean {
  return char === undefined || !NAME_CHAR.test(char)
}

/** A name as names are compared: NFKC, lower case ("Ann" and "ann" are one name). */
export function foldName(text: string): string {
  return text.normalize('NFKC').toLowerCase()
}

const fold = foldName

/**
 * Where `@name` occurs in `text` as a mention (any case): preceded by the start or a
 * character that is not part of a name, and followed by the end or such a character.
 * Returns the index of each `@`, in the folded text's terms (equal to the original's for
 * almost every text; callers that slice the original check the match again).
 */
function mentionIndexes(folded: string, name: string): number[] {
  const needle = `@${fold(name)}`
  const found: number[] = []
  if (needle.length < 2) return found
  let at = folded.indexOf(needle)
  while (at !== -1) {
    const before = at === 0 ? undefined : folded[at - 1]
    const after = [...folded.slice(at + needle.length, at + needle.length + 2)][0]
    if (isBoundary(before) && isBoundary(after)) found.push(at)
    at = folded.indexOf(needle, at + 1)
  }
  return found
}

/** True when `text` mentions `username` as `@username`, in any case. */
export function mentionsUser(text: string, username: string | null): boolean {
  if (username === null || !text.includes('@')) return false
  return mentionIndexes(fold(text), username).length > 0
}

/** A mention of one of `names` at `index` of `text` (which holds an `@` there), the longest that fits. */
export function mentionAt(text: string, index: number, names: readonly string[]): string | null {
  if (text[index] !== '@' || !isBoundary(index === 0 ? undefined : text[index - 1])) return null
  let best: string | null = null
  for (const name of names) {
    const candidate = text.slice(index + 1, index + 1 + name.length)
    if (candidate.length === 0 || fold(candidate) !== fold(name)) continue
    const after = [...text.slice(index + 1 + name.length)][0]
    if (!isBoundary(after)) continue
    if (best === null || candidate.length > best.length) best = candidate
  }
  return best
}

/** The `@word` being typed at the caret, if any: where its `@` is and what follows it so far. */
export interface MentionQuery {
  start: number
  query: string
}

/** The mention being typed just before `caret`: an `@` at the start or after a space, then no space. */
export function mentionQuery(text: string, caret: number): MentionQuery | null {
  const before = text.slice(0, caret)
  const at = before.lastIndexOf('@')
  if (at === -1) return null
  if (at > 0 && !/\s/u.test(before[at - 1] ?? '')) return null
  const query = before.slice(at + 1)
  if (/\s/u.test(query) || query.length > 50) return null
  return { start: at, query }
}

/** The people worth offering for `query`: names starting with it first, then containing it; never `me`. */
export function mentionSuggestions(people: readonly string[], query: string, me: string | null, limit = 8): string[] {
  const wanted = fold(query)
  const others = [...new Set(people)].filter((name) => me === null || fold(name) !== fold(me))
  const byName = (a: string, b: string) => a.localeCompare(b, undefined, { sensitivity: 'base' })
  const starting = others.filter((name) => fold(name).startsWith(wanted)).sort(byName)
  const containing = others.filter((name) => !fold(name).startsWith(wanted) && fold(name).includes(wanted)).sort(byName)
  return [...starting, ...containing].slice(0, limit)
}

/** `text` with the mention being typed replaced by `@name ` , and where the caret goes after it. */
export function completeMention(
  text: string,
  query: MentionQuery,
  caret: number,
  name: string,
): { text: string; caret: number } {
  const inserted = `@${name} `
  const rest = text.slice(caret).replace(/^\s/u, '')
  return { text: text.slice(0, query.start) + inserted + rest, caret: query.start + inserted.length }
}
