// The words the seeded messages are made of: a vocabulary of a few thousand words whose
// frequencies follow Zipf's law (the most common words are real English ones, some words
// carry accents), a long tail of words that occur once or twice (names, typos), and the
// authors. Everything comes from a seeded generator, so every run seeds the same text.

/** A generator of numbers in [0, 1), the same sequence for the same seed (mulberry32). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296
  }
}

/** Picks an index in 0..n-1 with probability ∝ 1 / (rank + 1)^exponent: Zipf's law. */
export function zipfPicker(n: number, exponent: number, random: () => number): () => number {
  const cumulative = new Float64Array(n)
  let total = 0
  for (let rank = 0; rank < n; rank++) {
    total += 1 / (rank + 1) ** exponent
    cumulative[rank] = total
  }
  return () => {
    const target = random() * total
    let low = 0
    let high = n - 1
    while (low < high) {
      const middle = (low + high) >>> 1
      if ((cumulative[middle] ?? 0) < target) low = middle + 1
      else high = middle
    }
    return low
  }
}

/** The most frequent words of English chat, in about their order: the head of the vocabulary. */
const COMMON = [
  ...new Set(
    `the to i a and is it you that of in for on this we be have with not but are
  was just so can do my if at what all it's get like will there they be about out up one
  me no your think know now don't time good should then need see here how when would more
  make did some any been today also work going back well why yeah right thanks new want
  still after could really something because people other only way use first them let
  build test deploy release fix issue meeting review change code branch server client
  data file team week tomorrow yesterday morning update look thing sure great maybe`
      .split(/\s+/)
      .filter(Boolean),
  ),
]

/** Real words with accents, placed among the vocabulary's middle ranks. */
const ACCENTED = `café résumé naïve déjà façade crème señor jalapeño über fiancée piñata
  entrée soirée rôle élan coöperate protégé cliché décor doppelgänger smörgåsbord`
  .split(/\s+/)
  .filter(Boolean)

const ONSETS = ['b', 'c', 'd', 'f', 'g', 'h', 'j', 'k', 'l', 'm', 'n', 'p', 'r', 's', 't', 'v', 'w', 'z']
const ONSETS2 = ['br', 'ch', 'cl', 'dr', 'fl', 'gr', 'pl', 'qu', 'sh', 'sl', 'sp', 'st', 'str', 'th', 'tr']
const VOWELS = ['a', 'e', 'i', 'o', 'u', 'ai', 'ea', 'ee', 'io', 'ou', 'y']
const CODAS = ['', '', '', 'n', 'r', 's', 't', 'l', 'm', 'nd', 'st', 'ck', 'ng', 'rt', 'x']
const ACCENTS: Record<string, string[]> = {
  a: ['à', 'á', 'â'],
  e: ['é', 'è', 'ê'],
  o: ['ö', 'ô'],
  u: ['ü', 'ú'],
  i: ['ï'],
}

function syllable(random: () => number): string {
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)] as T
  return `${random() < 0.25 ? pick(ONSETS2) : pick(ONSETS)}${pick(VOWELS)}${pick(CODAS)}`
}

/** Gives one vowel of a word an accent (é, ü, à…). */
function accented(word: string, random: () => number): string {
  const places = [...word].flatMap((letter, index) => (ACCENTS[letter] ? [index] : []))
  if (places.length === 0) return word
  const at = places[Math.floor(random() * places.length)] as number
  const letters = [...word]
  const options = ACCENTS[letters[at] as string] as string[]
  letters[at] = options[Math.floor(random() * options.length)] as string
  return letters.join('')
}

/** `count` made-up words of `syllables` syllables, unique and unlike any in `taken` (which they join). */
function madeUpWords(count: number, syllables: [number, number], random: () => number, taken: Set<string>): string[] {
  const out: string[] = []
  while (out.length < count) {
    const length = syllables[0] + Math.floor(random() * (syllables[1] - syllables[0] + 1))
    const word = Array.from({ length }, () => syllable(random)).join('')
    if (word.length < 3 || taken.has(word)) continue
    taken.add(word)
    out.push(word)
  }
  return out
}

const FIRST_NAMES = `alice bob carol dave erin frank grace heidi ivan judy mallory nina oscar peggy
  quentin rupert sybil trent ursula victor walter xena yusuf zoé amélie björn chloé darío
  emma felix gustavo hana igor jonas kenji lena marco noor olga pablo rosa sven tomás`
  .split(/\s+/)
  .filter(Boolean)

/** The people who write: `count` distinct names (some capitalised, some accented), as the join form takes them. */
export function authorNames(count: number, random: () => number): string[] {
  const names = new Set<string>()
  const styles = [
    (name: string) => name,
    (name: string) => name[0]?.toUpperCase() + name.slice(1),
    (name: string) => `${name}.${String.fromCharCode(97 + Math.floor(random() * 26))}`,
    (name: string) => `${name}${Math.floor(random() * 100)}`,
    (name: string) => `${name}_${syllable(random)}`,
  ]
  while (names.size < count) {
    const first = FIRST_NAMES[Math.floor(random() * FIRST_NAMES.length)] as string
    const style = styles[Math.floor(random() * styles.length)] as (name: string) => string
    names.add(style(first))
  }
  return [...names]
}

export interface Vocabulary {
  /** Words by rank, the most frequent first. */
  words: string[]
  /** Words that occur about once or twice in the whole history (names, typos, one-off terms). */
  tail: string[]
}

/** A vocabulary of `size` ranked words (about 5% accented) and a tail of `tailSize` rare ones. */
export function makeVocabulary(size: number, tailSize: number, random: () => number): Vocabulary {
  const taken = new Set<string>([...COMMON, ...ACCENTED])
  const made = madeUpWords(size - COMMON.length - ACCENTED.length, [1, 2], random, taken).map((word) =>
    random() < 0.05 ? accented(word, random) : word,
  )
  // The accented real words go among the middle ranks: common enough to be searched for.
  const words = [...COMMON, ...made]
  for (const [i, word] of ACCENTED.entries()) words.splice(200 + i * 37, 0, word)
  const tail = madeUpWords(tailSize, [2, 3], random, taken)
  return { words, tail }
}
