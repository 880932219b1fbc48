// The history the search figures run on: N messages over R rooms, in time order over the
// last 60 days, 8 to 30 words each from a Zipf-distributed vocabulary (2% of words from a
// long tail of rare ones), by ~200 authors of whom a few write most. Held in columns, so
// that a million messages fit in memory once and seed SQLite and PostgreSQL alike.
import { authorNames, makeVocabulary, seededRandom, type Vocabulary, zipfPicker } from './vocabulary.ts'

const DAY_MS = 86_400_000
const HISTORY_DAYS = 60
const VOCABULARY_SIZE = 5_000
/** Zipf's exponent for words: about 1 in natural language. */
const WORD_EXPONENT = 1
/** Share of words taken from the rare tail. */
const TAIL_SHARE = 0.02
const MIN_WORDS = 8
const MAX_WORDS = 30
const AUTHORS = 200
/** Messages kept aside to draw queries from: phrases and authors that really occur. */
const SAMPLE_SIZE = 5_000

export interface SeedCorpus {
  rooms: string[]
  authors: string[]
  vocabulary: Vocabulary
  /** Per message, in time order: its room's index, its seq in that room, its author's index, its time and text. */
  room: Uint16Array
  seq: Uint32Array
  author: Uint16Array
  createdAt: Float64Array
  body: string[]
  /** Each room's last seq. */
  lastSeq: number[]
  /** How many messages each vocabulary word (by rank) occurs in. */
  documentFrequency: Uint32Array
  /** Indexes of messages spread over the whole history, to draw queries from. */
  sample: number[]
}

/** The words of a message: a Zipf word, or now and then a rare one. */
function wordsOf(count: number, pickRank: () => number, vocabulary: Vocabulary, random: () => number): number[] {
  // Ranks of vocabulary words; a negative number -(i + 1) stands for tail word i.
  return Array.from({ length: count }, () =>
    random() < TAIL_SHARE ? -(Math.floor(random() * vocabulary.tail.length) + 1) : pickRank(),
  )
}

/** A message as a person types it: a capital, a comma now and then, an ending mark. */
function textOf(words: number[], vocabulary: Vocabulary, random: () => number): string {
  const parts = words.map((w) => (w < 0 ? vocabulary.tail[-w - 1] : vocabulary.words[w]) as string)
  parts[0] = (parts[0]?.[0]?.toUpperCase() ?? '') + (parts[0]?.slice(1) ?? '')
  for (let i = 1; i < parts.length - 1; i++) if (random() < 0.05) parts[i] = `${parts[i]},`
  const end = random()
  return parts.join(' ') + (end < 0.5 ? '' : end < 0.8 ? '.' : end < 0.95 ? '?' : '!')
}

/** Makes `messages` messages over `roomCount` rooms, ending now; the same text for the same arguments. */
export function makeSeedCorpus(messages: number, roomCount: number, seed = 16): SeedCorpus {
  const random = seededRandom(seed)
  const vocabulary = makeVocabulary(VOCABULARY_SIZE, Math.ceil(messages / 5), random)
  const authors = authorNames(AUTHORS, random)
  const rooms = Array.from({ length: roomCount }, (_, r) => `team-${String(r).padStart(2, '0')}`)
  const pickRank = zipfPicker(vocabulary.words.length, WORD_EXPONENT, random)
  const pickRoom = zipfPicker(roomCount, 0.7, random)
  const pickAuthor = zipfPicker(AUTHORS, 0.9, random)

  const corpus: SeedCorpus = {
    rooms,
    authors,
    vocabulary,
    room: new Uint16Array(messages),
    seq: new Uint32Array(messages),
    author: new Uint16Array(messages),
    createdAt: new Float64Array(messages),
    body: new Array<string>(messages),
    lastSeq: new Array<number>(roomCount).fill(0),
    documentFrequency: new Uint32Array(vocabulary.words.length),
    sample: [],
  }
  /** The last message each word was counted in, so a word twice in a message counts once. */
  const countedIn = new Int32Array(vocabulary.words.length).fill(-1)
  const start = Date.now() - HISTORY_DAYS * DAY_MS
  const spacing = (HISTORY_DAYS * DAY_MS) / messages
  const sampleEvery = Math.max(1, Math.floor(messages / SAMPLE_SIZE))
  for (let i = 0; i < messages; i++) {
    const room = pickRoom()
    corpus.lastSeq[room] = (corpus.lastSeq[room] ?? 0) + 1
    corpus.room[i] = room
    corpus.seq[i] = corpus.lastSeq[room] as number
    corpus.author[i] = pickAuthor()
    corpus.createdAt[i] = Math.floor(start + (i + random()) * spacing)
    const words = wordsOf(MIN_WORDS + Math.floor(random() * (MAX_WORDS - MIN_WORDS + 1)), pickRank, vocabulary, random)
    for (const w of words) {
      if (w < 0 || countedIn[w] === i) continue
      countedIn[w] = i
      corpus.documentFrequency[w] = (corpus.documentFrequency[w] ?? 0) + 1
    }
    corpus.body[i] = textOf(words, vocabulary, random)
    if (i % sampleEvery === 0) corpus.sample.push(i)
  }
  return corpus
}
