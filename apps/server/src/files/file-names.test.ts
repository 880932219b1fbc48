import { describe, expect, test } from 'bun:test'
import { contentDisposition, MAX_FILE_NAME_LENGTH, safeFileName } from './file-names.ts'

const codePoints = (text: string) => [...text].length

describe('safeFileName', () => {
  test.each([
    ['report.pdf', 'report.pdf'],
    ['../../etc/passwd', 'passwd'],
    ['..\\..\\Windows\\win.ini', 'win.ini'],
    ['C:\\Users\\ana\\Desktop\\screenshot.png', 'screenshot.png'],
    ['photos/holiday/', 'holiday'],
    ['invoice\u202Egpj.exe', 'invoicegpj.exe'], // shown as "invoiceexe.jpg" with the override
    ['\u2066evil\u2069\u200B\u200D\uFEFF.txt', 'evil.txt'],
    ['evil.txt\0.png', 'evil.txt.png'],
    ['two\nlines\r\u2028here\u2029.txt', 'twolineshere.txt'],
    ['tab\there  and   spaces.txt', 'tabhere and spaces.txt'],
    ['a<b>c:d"e|f?g*h.txt', 'a_b_c_d_e_f_g_h.txt'],
    ['.htaccess', 'htaccess'],
    ['...hidden...', 'hidden'],
    ['cafe\u0301.txt', 'café.txt'],
    ['CON.txt', '_CON.txt'],
    ['日本語の資料.pdf', '日本語の資料.pdf'],
    ['', 'file'],
    ['..', 'file'],
    ['../\u202E/\0', 'file'],
    ['\uD800lone.txt', 'lone.txt'],
  ])('%j → %j', (raw, safe) => {
    expect(safeFileName(raw)).toBe(safe)
    expect(safeFileName(raw)).toBe(safe.normalize('NFC'))
  })

  test('a name of 300 characters is cut to 120, keeping its extension', () => {
    const name = safeFileName(`${'a'.repeat(296)}.txt`)
    expect(name).toBe(`${'a'.repeat(116)}.txt`)
    expect(codePoints(name)).toBe(MAX_FILE_NAME_LENGTH)
  })

  test('a long name is cut between whole characters, never inside an emoji', () => {
    const family = '👨‍👩‍👧' // five code points, one character
    const name = safeFileName(`${family.repeat(60)}.png`)
    expect(codePoints(name)).toBeLessThanOrEqual(MAX_FILE_NAME_LENGTH)
    expect(name.endsWith('.png')).toBe(true)
    expect(() => encodeURIComponent(name)).not.toThrow() // no half of a surrogate pair
    // ZWJ is a format character: dropped, so each family is three emoji.
    expect(name).toMatch(/^(?:👨👩👧)+👨?👩?\.png$/u)
  })

  test('a long name whose "extension" is long too is cut as one', () => {
    const name = safeFileName(`x.${'y'.repeat(300)}`)
    expect(codePoints(name)).toBe(MAX_FILE_NAME_LENGTH)
    expect(name.startsWith('x.yyy')).toBe(true)
  })

  test('applying it twice changes nothing', () => {
    for (const raw of ['../a.txt', `${'é'.repeat(200)}.tar.gz`, ' .x. ', 'CON', 'a\u202Eb', `${'b '.repeat(100)}.md`]) {
      expect(safeFileName(safeFileName(raw))).toBe(safeFileName(raw))
    }
  })
})

describe('contentDisposition', () => {
  test('an ASCII name', () => {
    expect(contentDisposition('attachment', 'notes.txt')).toBe(
      `attachment; filename="notes.txt"; filename*=UTF-8''notes.txt`,
    )
  })

  test('accents are dropped from the fallback and kept, encoded, in filename*', () => {
    expect(contentDisposition('inline', 'Résumé (final).pdf')).toBe(
      `inline; filename="Resume (final).pdf"; filename*=UTF-8''R%C3%A9sum%C3%A9%20%28final%29.pdf`,
    )
  })

  test('other characters are _ in the fallback', () => {
    expect(contentDisposition('attachment', '日本語.txt')).toBe(
      `attachment; filename="___.txt"; filename*=UTF-8''%E6%97%A5%E6%9C%AC%E8%AA%9E.txt`,
    )
  })

  test("quotes and RFC 5987's reserved characters cannot break out (a backslash is a folder: see safeFileName)", () => {
    const value = contentDisposition('attachment', `it's "a" (b) test*.txt`)
    expect(value).toBe(
      `attachment; filename="it's _a_ (b) test_.txt"; filename*=UTF-8''it%27s%20_a_%20%28b%29%20test_.txt`,
    )
  })

  test('a hostile name makes a valid header: ASCII only, one line, and filename* gives back the safe name', () => {
    for (const raw of ['../../\u202Eexe.jpg\0\r\nSet-Cookie: a=b', `${'ü'.repeat(300)}.png`, '"; filename="x.html']) {
      const value = contentDisposition('attachment', raw)
      expect(value).toMatch(/^[\x20-\x7e]+$/)
      expect(() => new Headers({ 'content-disposition': value })).not.toThrow()
      const [, quoted = ''] = value.match(/; filename="([^"]*)"; /) ?? []
      expect(quoted).not.toContain('\\')
      const [, encoded = ''] = value.match(/filename\*=UTF-8''([A-Za-z0-9!#$&+.^_`|~%-]+)$/) ?? []
      expect(decodeURIComponent(encoded)).toBe(safeFileName(raw))
    }
  })
})
