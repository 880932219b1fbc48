import { describe, expect, test } from 'bun:test'
import { parseSearch } from './search-query.ts'
import { snippetOf } from './snippet.ts'

const parsed = (text: string) => {
  const result = parseSearch(text)
  if (!result.ok) throw new Error(result.problem)
  return result.query
}

describe('reading a search', () => {
  test('words are folded to lower case without accents; the last one, still being typed, is a prefix', () => {
    expect(parsed('Café DEPLOY').terms).toEqual([
      { words: ['cafe'], prefix: false },
      { words: ['deploy'], prefix: true },
    ])
    expect(parsed('deploy ').terms).toEqual([{ words: ['deploy'], prefix: false }])
    // Shorter than four letters, it is only itself: "the" would otherwise merge the lists of every "the…".
    expect(parsed('the').terms).toEqual([{ words: ['the'], prefix: false }])
    expect(parsed('numb').terms).toEqual([{ words: ['numb'], prefix: true }])
  })

  test('"phrases" keep their words together; an unclosed quote runs to the end', () => {
    expect(parsed('"release notes" wiki').terms[0]).toEqual({ words: ['release', 'notes'], prefix: false })
    expect(parsed('deploy "went out').terms.at(-1)).toEqual({ words: ['went', 'out'], prefix: false })
  })

  test('filters: from:, in: (with or without #), before: and after: (days excluded)', () => {
    expect(parsed('from:Alice in:#General before:2026-11-30 after:2026-11-01 x')).toMatchObject({
      from: 'alice',
      room: 'general',
      before: Date.UTC(2026, 10, 30),
      after: Date.UTC(2026, 10, 2),
    })
    expect(parsed('from:"Mary Ann" hello').from).toBe('mary ann')
    expect(parsed('to:do list').terms.map((t) => t.words.join(' '))).toEqual(['to', 'do', 'list'])
  })

  test('index syntax is only ever words: operators, stars and brackets separate them', () => {
    expect(parsed('NEAR(a b) OR c* -d ^e "f" AND').terms.map((t) => t.words.join(' '))).toEqual([
      'near',
      'a',
      'b',
      'or',
      'c',
      'd',
      'e',
      'f',
      'and',
    ])
  })

  test('what cannot be searched is said in words', () => {
    expect(parseSearch('*** ()')).toEqual({ ok: false, problem: 'Type a word to search for' })
    expect(parseSearch('from:alice')).toEqual({ ok: false, problem: 'Type a word to search for' })
    expect(parseSearch('before:yesterday x')).toEqual({
      ok: false,
      problem: 'before: wants a day like before:2026-11-30',
    })
    expect(parseSearch('before:2026-02-30 x')).toEqual({
      ok: false,
      problem: 'before: wants a day like before:2026-11-30',
    })
    expect(parseSearch('in: x')).toEqual({ ok: false, problem: 'Say what in: is, as in in:general' })
    expect(parseSearch('from: "Mary Ann"')).toEqual({ ok: false, problem: 'Say what from: is, as in from:alice' })
    expect(parseSearch('after:2026-11-30 before:2026-11-30 x')).toEqual({
      ok: false,
      problem: 'after: must be a day before before:',
    })
  })
})

describe('snippets', () => {
  test('mark the words found, whatever their case and accents, with the text around them', () => {
    const terms = parsed('cafe depl').terms
    expect(snippetOf('Meet at the Café after the deploy.', terms)).toEqual([
      { text: 'Meet at the ' },
      { text: 'Café', hit: true },
      { text: ' after the ' },
      { text: 'deploy', hit: true },
      { text: '.' },
    ])
  })

  test('a long message is cut around its first match, at spaces', () => {
    const body = `${'lorem '.repeat(40)}needle ${'ipsum '.repeat(60)}`
    const parts = snippetOf(body, parsed('needle ').terms)
    expect(parts[0]).toEqual({ text: '…' })
    expect(parts.at(-1)).toEqual({ text: '…' })
    expect(parts.find((part) => part.hit)?.text).toBe('needle')
    expect(parts.map((part) => part.text).join('').length).toBeLessThan(220)
  })
})
