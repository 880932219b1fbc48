import { describe, expect, test } from 'bun:test'
import { formatMessage, MAX_NESTING } from './format-message.ts'
import { MAX_MARK_DEPTH } from './format-tree.ts'
import type { Block, Inline } from './formatted-message.ts'

const paragraph = (...children: Inline[]): Block => ({ kind: 'paragraph', children })
const text = (words: string): Inline => ({ kind: 'text', text: words })

/** Every link anywhere in `blocks`. */
function linksIn(blocks: readonly (Block | Inline)[]): { href: string; bare: boolean }[] {
  const found: { href: string; bare: boolean }[] = []
  const stack = [...blocks]
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    if (node.kind === 'link') found.push({ href: node.href, bare: node.bare })
    if ('children' in node) stack.push(...node.children)
    if (node.kind === 'list') stack.push(...node.items.flat())
  }
  return found
}

/** The words of `blocks`, marks left out, one line per block. */
function wordsOf(blocks: readonly (Block | Inline)[]): string {
  return blocks
    .map((node) => {
      if (node.kind === 'text' || node.kind === 'code') return node.text
      if (node.kind === 'list') return node.items.map(wordsOf).join('\n')
      return wordsOf(node.children)
    })
    .join('')
}

/** How deeply marks and blocks nest in `blocks`. */
function depthOf(nodes: readonly (Block | Inline)[]): number {
  let deepest = 0
  const stack = nodes.map((node) => ({ node, depth: 1 }))
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    deepest = Math.max(deepest, next.depth)
    const { node, depth } = next
    const children = 'children' in node ? node.children : node.kind === 'list' ? node.items.flat() : []
    for (const child of children) stack.push({ node: child, depth: depth + 1 })
  }
  return deepest
}

describe('the subset shown', () => {
  test('bold, italic (both ways), strikethrough and code', () => {
    expect(formatMessage('**b** _i_ *j* ~~s~~ `c`')).toEqual([
      paragraph(
        { kind: 'strong', children: [text('b')] },
        text(' '),
        { kind: 'emphasis', children: [text('i')] },
        text(' '),
        { kind: 'emphasis', children: [text('j')] },
        text(' '),
        { kind: 'strike', children: [text('s')] },
        text(' '),
        { kind: 'code', text: 'c' },
      ),
    ])
  })

  test('a fenced code block keeps its text exactly and names its language', () => {
    expect(formatMessage('look:\n```ts\nconst a = 1\n  **not bold**\n```')).toEqual([
      paragraph(text('look:')),
      { kind: 'code', language: 'ts', text: 'const a = 1\n  **not bold**' },
    ])
    expect(formatMessage('```\nplain\n```')).toEqual([{ kind: 'code', language: null, text: 'plain' }])
    // Only a plain word is shown as the language.
    expect(formatMessage('```<b>x</b>\ny\n```')).toEqual([{ kind: 'code', language: null, text: 'y' }])
  })

  test('quotes nest, lists are ordered or not, and an ordered list keeps its first number', () => {
    expect(formatMessage('> said\n> > before\n\n- a\n- b\n\n3. c\n4. d')).toEqual([
      { kind: 'quote', children: [paragraph(text('said')), { kind: 'quote', children: [paragraph(text('before'))] }] },
      { kind: 'list', ordered: false, start: 1, items: [[paragraph(text('a'))], [paragraph(text('b'))]] },
      { kind: 'list', ordered: true, start: 3, items: [[paragraph(text('c'))], [paragraph(text('d'))]] },
    ])
  })

  test('line breaks stay line breaks', () => {
    expect(formatMessage('one\ntwo  \nthree **x**')).toEqual([
      paragraph(text('one\ntwo\nthree '), { kind: 'strong', children: [text('x')] }),
    ])
  })

  test('mentions and words stay words, for the view to mark', () => {
    expect(formatMessage('**@bob** look')).toEqual([
      paragraph({ kind: 'strong', children: [text('@bob')] }, text(' look')),
    ])
  })

  test('headings, HTML, tables, images, entities, rules, indented code and references stay as typed', () => {
    for (const typed of [
      '# heading',
      '<b>bold?</b> <script>alert(1)</script>',
      '| a | b |\n|---|---|\n| 1 | 2 |',
      '![alt](https://example.com/a.png)',
      '&amp; &lt;b&gt; &#60;',
      'above\n\n---',
      '    indented',
      '[ref]: https://example.com',
      'Title\n===',
    ]) {
      const blocks = formatMessage(typed) ?? []
      // An address in them is still an address, as in any text.
      expect(linksIn(blocks).filter((link) => !link.bare)).toEqual([])
      expect(blocks.every((block) => block.kind === 'paragraph')).toBe(true)
      expect(wordsOf(blocks).replace(/\s+/gu, '')).toBe(typed.replace(/\s+/gu, ''))
    }
  })
})

describe('links', () => {
  test('[words](address) and bare addresses link to http(s) only', () => {
    expect(formatMessage('[docs](https://example.com/a) and https://example.com/b.')).toEqual([
      paragraph(
        { kind: 'link', href: 'https://example.com/a', bare: false, children: [text('docs')] },
        text(' and '),
        { kind: 'link', href: 'https://example.com/b', bare: true, children: [text('https://example.com/b')] },
        text('.'),
      ),
    ])
  })

  test('javascript:, data: and every other scheme stay the text typed', () => {
    for (const typed of [
      '[x](javascript:alert(1))',
      '[x](JaVaScRiPt:alert(1))',
      '[x](java&#115;cript:alert(1))',
      '[x](<javascript:alert(1)>)',
      '[x](  javascript:alert(1) "t")',
      '[x](data:text/html,<script>alert(1)</script>)',
      '[x](vbscript:msgbox(1))',
      '[x](file:///etc/passwd)',
      '[x](/relative) [y](//example.com)',
      '<javascript:alert(1)> <https://example.com>',
      '[x]: javascript:alert(1)\n\n[x]',
      '![x](javascript:alert(1))',
    ]) {
      const links = linksIn(formatMessage(typed) ?? [])
      expect(links.every((link) => /^https?:\/\//u.test(link.href))).toBe(true)
      expect(links.filter((link) => !link.bare)).toEqual([])
    }
    expect(formatMessage('[x](javascript:alert(1))')).toEqual([paragraph(text('[x](javascript:alert(1))'))])
  })

  test('nested brackets make at most one level of links, and no link inside a link', () => {
    const blocks = formatMessage(
      '[[a](https://b.example)](https://c.example) [x [y](https://d.example) z](javascript:1)',
    )
    expect(blocks).not.toBeNull()
    const stack: { node: Block | Inline; inLink: boolean }[] = (blocks ?? []).map((node) => ({ node, inLink: false }))
    for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
      const { node, inLink } = next
      if (node.kind === 'link') expect(inLink).toBe(false)
      if ('children' in node)
        for (const child of node.children) stack.push({ node: child, inLink: inLink || node.kind === 'link' })
    }
    expect(linksIn(blocks ?? []).map((link) => link.href)).toEqual(
      expect.arrayContaining(['https://b.example/', 'https://d.example/']),
    )
  })

  test('a bare address is whole even with Markdown marks inside it; a link label has no bare link', () => {
    expect(linksIn(formatMessage('see https://example.com/a_b_c*d*e now') ?? [])).toEqual([
      { href: 'https://example.com/a_b_c*d*e', bare: true },
    ])
    expect(linksIn(formatMessage('[see https://inner.example](https://outer.example)') ?? [])).toEqual([
      { href: 'https://outer.example/', bare: false },
    ])
    expect(linksIn(formatMessage('xhttps://example.com') ?? [])).toEqual([])
  })

  test('HTML in code stays code text', () => {
    expect(formatMessage('```html\n<img src=x onerror=alert(1)>\n```\n`<script>alert(1)</script>`')).toEqual([
      { kind: 'code', language: 'html', text: '<img src=x onerror=alert(1)>' },
      paragraph({ kind: 'code', text: '<script>alert(1)</script>' }),
    ])
  })
})

describe('hostile nesting', () => {
  test('quotes and lists deeper than the limit show the message as typed', () => {
    expect(formatMessage(`${'>'.repeat(MAX_NESTING - 4)} x`)).not.toBeNull()
    for (const typed of [
      '>'.repeat(10_000),
      `${'> '.repeat(10_000)}x`,
      `${'- '.repeat(10_000)}x`,
      `${'> - '.repeat(5_000)}x`,
    ]) {
      const started = performance.now()
      expect(formatMessage(typed)).toBeNull()
      expect(performance.now() - started).toBeLessThan(2_000)
    }
  })

  test('10,000 emphasis markers parse quickly, marks nest at most MAX_MARK_DEPTH deep, and no word is lost', () => {
    for (const [marker, count] of [
      ['*', 10_000],
      ['_', 10_000],
      ['**', 5_000],
      ['~~', 5_000],
      ['*_', 5_000],
      ['[', 10_000],
      ['`', 10_000],
    ] as const) {
      // After a word, so a run of ~ or ` does not open a code fence.
      const typed = `a ${marker.repeat(count)}x${[...marker].reverse().join('').repeat(count).replaceAll('[', ']')}`
      const started = performance.now()
      const blocks = formatMessage(typed)
      expect(performance.now() - started).toBeLessThan(2_000)
      expect(blocks).not.toBeNull()
      expect(depthOf(blocks ?? [])).toBeLessThanOrEqual(MAX_MARK_DEPTH + 2)
      expect(wordsOf(blocks ?? [])).toContain('x')
    }
  })

  test('marks beyond the depth limit are shown as the characters typed', () => {
    const typed = `${'*'.repeat(30)}deep${'*'.repeat(30)}`
    const blocks = formatMessage(typed) ?? []
    // The paragraph, the marks, and the words in the deepest.
    expect(depthOf(blocks)).toBe(MAX_MARK_DEPTH + 2)
    // The marks shown plus the characters kept as text add up to what was typed.
    const kept = wordsOf(blocks)
    expect(kept).toContain('deep')
    expect(kept.length).toBeGreaterThan('deep'.length)
  })
})
