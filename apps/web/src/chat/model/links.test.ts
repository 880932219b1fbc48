import { describe, expect, test } from 'bun:test'
import { messageSegments, safeHref } from './links.ts'

function joined(text: string, names: string[] = [], me: string | null = null): string {
  return messageSegments(text, names, me)
    .map((segment) => segment.text)
    .join('')
}

describe('message segments', () => {
  test('http and https addresses become links; the sentence’s punctuation stays text', () => {
    expect(messageSegments('see https://example.com/a?b=1. ok')).toEqual([
      { kind: 'text', text: 'see ' },
      { kind: 'link', text: 'https://example.com/a?b=1', href: 'https://example.com/a?b=1' },
      { kind: 'text', text: '. ok' },
    ])
    expect(messageSegments('(http://x.example/wiki/A_(b))')).toEqual([
      { kind: 'text', text: '(' },
      { kind: 'link', text: 'http://x.example/wiki/A_(b)', href: 'http://x.example/wiki/A_(b)' },
      { kind: 'text', text: ')' },
    ])
  })

  test('nothing else is a link: javascript:, data:, markdown and HTML stay text', () => {
    for (const text of [
      'javascript:alert(1)',
      '[click](javascript:alert(1))',
      '<a href="javascript:alert(1)">x</a>',
      'data:text/html,<script>alert(1)</script>',
      'ftp://example.com/file',
      '**bold**',
    ]) {
      expect(messageSegments(text).every((segment) => segment.kind === 'text')).toBe(true)
      expect(joined(text)).toBe(text)
    }
    expect(safeHref('javascript:alert(1)')).toBeNull()
    expect(safeHref('https://example.com')).toBe('https://example.com/')
  })

  test('mentions of people here are marked, ours apart; the text is kept exactly', () => {
    const text = 'hey @Bob and @me, mail bob@x.example'
    expect(messageSegments(text, ['bob', 'me'], 'me')).toEqual([
      { kind: 'text', text: 'hey ' },
      { kind: 'mention', text: '@Bob', me: false },
      { kind: 'text', text: ' and ' },
      { kind: 'mention', text: '@me', me: true },
      { kind: 'text', text: ', mail bob@x.example' },
    ])
    expect(joined(text, ['bob', 'me'], 'me')).toBe(text)
  })
})
