/** The content codings the web build is precompressed in, smallest first (the order ties are broken in). */
export const CODINGS = ['br', 'gzip'] as const

export type Coding = (typeof CODINGS)[number]

/** How much a client wants each coding it named (RFC 9110, 12.5.3), lowercased; `*` for the rest. */
function weights(header: string): Map<string, number> {
  const wanted = new Map<string, number>()
  for (const element of header.split(',')) {
    const [name = '', ...params] = element.split(';').map((part) => part.trim().toLowerCase())
    if (name === '') continue
    const q = params.find((param) => param.startsWith('q='))
    // An unreadable weight counts as a refusal: sending identity is always safe.
    const weight = q === undefined ? 1 : /^(0(\.\d{0,3})?|1(\.0{0,3})?)$/.test(q.slice(2)) ? Number(q.slice(2)) : 0
    wanted.set(name === 'x-gzip' ? 'gzip' : name, weight)
  }
  return wanted
}

/**
 * The coding to send, of those `available`, for a request's `Accept-Encoding`: the one
 * with the highest weight above 0, brotli before gzip at equal weights; `null` (identity)
 * when there is no header, nothing acceptable, or the client weighs identity higher.
 */
export function chooseCoding(header: string | null, available: readonly Coding[]): Coding | null {
  if (header === null) return null
  const wanted = weights(header)
  const weightOf = (name: string) => wanted.get(name) ?? wanted.get('*') ?? 0
  let best: Coding | null = null
  for (const coding of CODINGS) {
    if (!available.includes(coding) || weightOf(coding) <= 0) continue
    if (best === null || weightOf(coding) > weightOf(best)) best = coding
  }
  if (best === null) return null
  // Identity is acceptable unless refused; it wins only when named above the best coding.
  const identity = wanted.get('identity')
  return identity !== undefined && identity > weightOf(best) ? null : best
}
