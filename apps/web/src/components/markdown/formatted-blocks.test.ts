import { describe, expect, test } from 'bun:test'
import { createElement, Fragment, type ReactNode } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { formatMessage } from '../../chat/model/markdown/format-message.ts'
import { MAX_MARK_DEPTH } from '../../chat/model/markdown/format-tree.ts'
import { formattedBlocks } from './formatted-blocks.tsx'

/** The markup a message renders to, classes left out so the structure reads. */
function rendered(typed: string, names: string[] = [], me: string | null = null): string {
  const blocks = formatMessage(typed)
  if (blocks === null) return '(as typed)'
  const node: ReactNode = formattedBlocks(blocks, { names, me })
  return renderToStaticMarkup(createElement(Fragment, null, node)).replace(/ class="[^"]*"/gu, '')
}

const LINK = 'target="_blank" rel="noopener noreferrer"'

describe('formatted messages render as elements', () => {
  test('marks', () => {
    expect(rendered('**b** _i_ *j* ~~s~~ `c`')).toBe('<strong>b</strong> <em>i</em> <em>j</em> <s>s</s> <code>c</code>')
  })

  test('a lone paragraph is bare words; several are paragraphs', () => {
    expect(rendered('one **two**')).toBe('one <strong>two</strong>')
    expect(rendered('one\n\n**two**')).toBe('<p>one</p><p><strong>two</strong></p>')
  })

  test('code blocks are <pre><code> with their language above, focusable to scroll', () => {
    expect(rendered('```py\nprint("<b>")\n```')).toBe(
      '<div data-testid="code-block"><div>py</div><pre tabindex="0"><code>print(&quot;&lt;b&gt;&quot;)</code></pre></div>',
    )
  })

  test('quotes are blockquotes, lists are lists', () => {
    expect(rendered('> **q**\n\n- a\n- b\n\n7. c')).toBe(
      '<blockquote><strong>q</strong></blockquote><ul><li>a</li><li>b</li></ul><ol start="7"><li>c</li></ol>',
    )
  })

  test('mentions are marked inside marks and lists; links open apart; words inside a link stay words', () => {
    expect(rendered('**@bob** _@alice_', ['bob', 'alice'], 'alice')).toBe(
      '<strong><span data-mention="other">@bob</span></strong> <em><span data-mention="me">@alice</span></em>',
    )
    expect(rendered('- hi @bob', ['bob'])).toBe('<ul><li>hi <span data-mention="other">@bob</span></li></ul>')
    expect(rendered('[@bob at https://x.example](https://y.example) *https://z.example*', ['bob'])).toBe(
      `<a href="https://y.example/" ${LINK}>@bob at https://x.example</a> <em><a href="https://z.example/" ${LINK}>https://z.example</a></em>`,
    )
  })
})

describe('hostile text stays text', () => {
  test('script and HTML are escaped text, in words and in code', () => {
    expect(rendered('**<script>alert(1)</script>** <img src=x onerror=alert(1)>')).toBe(
      '<strong>&lt;script&gt;alert(1)&lt;/script&gt;</strong> &lt;img src=x onerror=alert(1)&gt;',
    )
    expect(rendered('```html\n<script>alert(1)</script>\n```')).toContain(
      '<code>&lt;script&gt;alert(1)&lt;/script&gt;</code>',
    )
  })

  test('links to anything but http(s) are not links', () => {
    for (const typed of [
      '[x](javascript:alert(1))',
      '[x](java&#115;cript:alert(1))',
      '[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
      '**[x](javascript:alert(1))**',
      '[[x](javascript:alert(1))](javascript:alert(2))',
      '<javascript:alert(1)>',
    ]) {
      expect(rendered(typed)).not.toContain('<a')
    }
  })

  test('10,000 nested marks render without overflowing, at most MAX_MARK_DEPTH deep', () => {
    const html = rendered(`a ${'*'.repeat(10_000)}x${'*'.repeat(10_000)}`)
    expect(html.match(/<(strong|em)>/gu)?.length).toBe(MAX_MARK_DEPTH)
    expect(html).toContain('x')
    expect(rendered('>'.repeat(10_000))).toBe('(as typed)')
  })
})

test('no component writes HTML from a string', async () => {
  const sources = new Bun.Glob('**/*.{ts,tsx}').scan({ cwd: `${import.meta.dir}/../..`, absolute: true })
  const offenders: string[] = []
  let read = 0
  for await (const file of sources) {
    if (file.endsWith('.test.ts')) continue
    read += 1
    const code = await Bun.file(file).text()
    if (/dangerouslySetInnerHTML|\.innerHTML\s*=|outerHTML\s*=|insertAdjacentHTML/u.test(code)) offenders.push(file)
  }
  expect(read).toBeGreaterThan(50)
  expect(offenders).toEqual([])
})
