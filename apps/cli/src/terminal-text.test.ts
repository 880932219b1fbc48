import { describe, expect, test } from 'bun:test'
import { terminalText } from './terminal-text.ts'

describe('terminalText', () => {
  test('one line of text, marks and all, stays as typed', () => {
    for (const typed of ['hello there', '**bold** _italic_ ~~old~~ `code` [docs](https://example.com)', '> ', '']) {
      expect(terminalText(typed)).toBe(typed.trimEnd())
    }
  })

  test('a fenced code block is indented by four spaces, its fences left out', () => {
    expect(terminalText('The fix:\n```ts\nconst a = 1\n  return a\n```\nthanks')).toBe(
      'The fix:\n    const a = 1\n      return a\nthanks',
    )
    expect(terminalText('~~~~\n```\nstill code\n~~~~')).toBe('    ```\n    still code')
  })

  test('a fence left open runs to the end; a backtick fence with a backtick after it is no fence', () => {
    expect(terminalText('```\nopen\nto the end')).toBe('    open\n    to the end')
    expect(terminalText('```not` a fence\ntext')).toBe('```not` a fence\ntext')
  })

  test('quote lines start with "> " for each level', () => {
    expect(terminalText('>said\n> > before\n>>also\n  > indented\nafter')).toBe(
      '> said\n> > before\n> > also\n> indented\nafter',
    )
  })

  test('lists stay as typed', () => {
    expect(terminalText('- a\n- b\n1. c')).toBe('- a\n- b\n1. c')
  })

  test('10,000 nested quote markers take no time and no call stack', () => {
    const started = performance.now()
    expect(terminalText(`${'>'.repeat(10_000)} x`)).toBe(`${'> '.repeat(10_000)}x`)
    expect(performance.now() - started).toBeLessThan(1_000)
  })
})
