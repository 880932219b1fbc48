import { afterEach, expect, test } from 'bun:test'
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { brotliDecompressSync, gunzipSync } from 'node:zlib'
import { precompressDir } from './precompress.ts'

const dirs: string[] = []
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

function folder(files: Record<string, string | Buffer>): string {
  const dir = mkdtempSync(join(tmpdir(), 'parley-precompress-'))
  dirs.push(dir)
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true })
    writeFileSync(join(dir, name), content)
  }
  return dir
}

const SCRIPT = `export function greet(name) { return 'Hello, ' + name }\n`.repeat(200)
const STYLES = `.room { color: red; padding: 4px }\n`.repeat(100)

test('writes a brotli and a gzip variant beside each text file, each decompressing to the original', async () => {
  const dir = folder({ 'index.html': `<!doctype html>${'<p>Parley</p>'.repeat(50)}`, 'assets/index-abc.js': SCRIPT })
  await precompressDir(dir)
  for (const name of ['index.html', 'assets/index-abc.js']) {
    const original = readFileSync(join(dir, name))
    const br = readFileSync(join(dir, `${name}.br`))
    const gz = readFileSync(join(dir, `${name}.gz`))
    expect(br.length).toBeLessThan(original.length)
    expect(gz.length).toBeLessThan(original.length)
    expect(brotliDecompressSync(br).equals(original)).toBe(true)
    expect(gunzipSync(gz).equals(original)).toBe(true)
  }
})

test('leaves images and fonts alone, and writes no variant that would not be smaller', async () => {
  const dir = folder({
    'assets/logo-abc.png': Buffer.from(SCRIPT),
    'assets/inter-abc.woff2': Buffer.from(SCRIPT),
    'assets/tiny-abc.js': 'x',
    'assets/index-abc.css': STYLES,
  })
  const summary = await precompressDir(dir)
  expect(readdirSync(join(dir, 'assets')).sort()).toEqual([
    'index-abc.css',
    'index-abc.css.br',
    'index-abc.css.gz',
    'inter-abc.woff2',
    'logo-abc.png',
    'tiny-abc.js',
  ])
  expect(summary.files).toBe(2)
  expect(summary.originalBytes).toBe(STYLES.length + 1)
  // The tiny file travels as it is, so it counts at its own size in every encoding.
  expect(summary.brotliBytes).toBe(readFileSync(join(dir, 'assets/index-abc.css.br')).length + 1)
  expect(summary.gzipBytes).toBe(readFileSync(join(dir, 'assets/index-abc.css.gz')).length + 1)
})

test('run twice, compresses no variant of a variant', async () => {
  const dir = folder({ 'assets/index-abc.js': SCRIPT })
  await precompressDir(dir)
  const second = await precompressDir(dir)
  expect(second.files).toBe(1)
  expect(existsSync(join(dir, 'assets/index-abc.js.br.gz'))).toBe(false)
  expect(readdirSync(join(dir, 'assets'))).toHaveLength(3)
})
