/** Four spaces: how a terminal shows a line of code. */
const CODE_INDENT = '    '

/** A line that opens or closes a fenced code block: up to 3 spaces, then 3 or more ` or ~. */
const FENCE = /^ {0,3}(`{3,}|~{3,})(.*)$/u
/** A quote line's markers (`>`, `> >`, `>>`), after up to 3 spaces. */
const QUOTE = /^ {0,3}((?:> ?)+)(.*)$/u

/** Control characters (C0, DEL, C1) and direction overrides: never printed to a terminal from a name or a topic. */
const UNPRINTABLE = /[\p{Cc}\u202a-\u202e\u2066-\u2069]/gu

/** `text` without the characters that could move the cursor, recolour or reverse what a terminal shows. */
export function printable(text: string): string {
  return text.replace(UNPRINTABLE, '')
}

interface Fence {
  mark: '`' | '~'
  length: number
}

/** The fence `line` opens, if it opens one (a backtick fence's info may hold no backtick). */
function opening(line: string): Fence | null {
  const match = FENCE.exec(line)
  const run = match?.[1]
  if (run === undefined || (run[0] === '`' && match?.[2]?.includes('`'))) return null
  return { mark: run[0] === '`' ? '`' : '~', length: run.length }
}

/** True when `line` closes `fence`: the same mark, at least as many, nothing after. */
function closes(line: string, fence: Fence): boolean {
  const match = FENCE.exec(line)
  const run = match?.[1]
  return run !== undefined && run[0] === fence.mark && run.length >= fence.length && match?.[2]?.trim() === ''
}

/**
 * A message's Markdown as a terminal shows it: the lines of a fenced code block indented by
 * four spaces (its fences left out), quote lines starting with `> ` for each level, and
 * everything else as typed (`**bold**` and `_italic_` read well as they are). A fence left
 * open runs to the end, as in the web app.
 */
export function terminalText(message: string): string {
  const out: string[] = []
  let fence: Fence | null = null
  for (const line of message.split('\n')) {
    if (fence !== null) {
      if (closes(line, fence)) fence = null
      else out.push(`${CODE_INDENT}${line}`)
      continue
    }
    fence = opening(line)
    if (fence !== null) continue
    const quote = QUOTE.exec(line)
    if (quote) {
      const depth = [...(quote[1] ?? '')].filter((char) => char === '>').length
      out.push(`${'> '.repeat(depth)}${quote[2] ?? ''}`.trimEnd())
    } else {
      out.push(line)
    }
  }
  return out.join('\n')
}

/** True when `line`, one of `terminalText`'s, is shown as code (four spaces in). */
export function isCodeLine(line: string | undefined): boolean {
  return line?.startsWith(CODE_INDENT) ?? false
}
