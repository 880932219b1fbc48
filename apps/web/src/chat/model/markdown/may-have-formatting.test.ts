import { expect, test } from 'bun:test'
import { formatMessage } from './format-message.ts'
import { mayHaveFormatting } from './may-have-formatting.ts'

test('plain one-line text is known to need no formatting', () => {
  for (const typed of [
    'hello there',
    'see https://example.com/a?b=1 @bob',
    '# not a heading',
    '<b>x</b> &amp;',
    '1999 was a year',
    '+1',
  ]) {
    expect(mayHaveFormatting(typed)).toBe(false)
    // And indeed the parser makes nothing of it but its words and links.
    const blocks = formatMessage(typed)
    expect(blocks?.length).toBe(1)
    expect(blocks?.[0]?.kind).toBe('paragraph')
  }
})

test('every mark, block and several lines ask for the parser', () => {
  for (const typed of [
    '**b**',
    '_i_',
    '~~s~~',
    '`c`',
    '[l](https://x.example)',
    '\\*',
    '> q',
    '- item',
    '* item',
    '-',
    '1. item',
    '2) item',
    'two\nlines',
  ]) {
    expect(mayHaveFormatting(typed)).toBe(true)
  }
})
