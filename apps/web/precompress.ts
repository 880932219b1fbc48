import { readdir, readFile, writeFile } from 'node:fs/promises'
import { extname, join } from 'node:path'
import { promisify } from 'node:util'
import { brotliCompress, constants, gzip } from 'node:zlib'
import type { Plugin } from 'vite'

const brotli = promisify(brotliCompress)
const gzipAsync = promisify(gzip)

/** Text formats worth compressing; images, fonts and archives are compressed already. */
const COMPRESSIBLE = new Set(['.js', '.mjs', '.css', '.html', '.svg', '.json', '.txt', '.map', '.xml', '.webmanifest'])

/** What precompressing a folder wrote: bytes of the originals, and of the variants written. */
export interface PrecompressSummary {
  files: number
  originalBytes: number
  /** The files each variant replaces when it is sent, counted at their original size where there is no variant. */
  brotliBytes: number
  gzipBytes: number
}

/** Every file under `dir`, as paths relative to it. */
async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true })
  return entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name))
}

/** Whether `path` is a text format worth a compressed variant (and is no variant itself). */
export function isCompressible(path: string): boolean {
  return COMPRESSIBLE.has(extname(path).toLowerCase())
}

/** Writes `bytes` to `path` when they are fewer than the original's; returns what a client would receive. */
async function writeIfSmaller(path: string, bytes: Buffer, originalBytes: number): Promise<number> {
  if (bytes.length >= originalBytes) return originalBytes
  await writeFile(path, bytes)
  return bytes.length
}

/**
 * Writes `<file>.br` (brotli, quality 11) and `<file>.gz` (gzip, level 9) beside every
 * compressible file under `dir`, each only when it is smaller than the file. The server
 * sends them to clients that accept the encoding, so nothing is compressed per request.
 */
export async function precompressDir(dir: string): Promise<PrecompressSummary> {
  const files = (await listFiles(dir)).filter(isCompressible)
  const sizes = await Promise.all(
    files.map(async (file) => {
      const original = await readFile(file)
      const [br, gz] = await Promise.all([
        brotli(original, {
          params: {
            [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
            [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
            [constants.BROTLI_PARAM_SIZE_HINT]: original.length,
          },
        }),
        gzipAsync(original, { level: constants.Z_BEST_COMPRESSION }),
      ])
      return {
        original: original.length,
        br: await writeIfSmaller(`${file}.br`, br, original.length),
        gz: await writeIfSmaller(`${file}.gz`, gz, original.length),
      }
    }),
  )
  return {
    files: files.length,
    originalBytes: sizes.reduce((sum, size) => sum + size.original, 0),
    brotliBytes: sizes.reduce((sum, size) => sum + size.br, 0),
    gzipBytes: sizes.reduce((sum, size) => sum + size.gz, 0),
  }
}

const kB = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`

/** Precompresses the build's output folder once it is written (see `precompressDir`). */
export function precompress(): Plugin {
  return {
    name: 'parley:precompress',
    apply: 'build',
    async writeBundle(options) {
      if (!options.dir) return this.error('The build has no output folder to precompress')
      const started = performance.now()
      const summary = await precompressDir(options.dir)
      const ms = Math.round(performance.now() - started)
      console.log(
        `Precompressed ${summary.files} files of ${kB(summary.originalBytes)}: ` +
          `brotli ${kB(summary.brotliBytes)}, gzip ${kB(summary.gzipBytes)}, in ${ms} ms.`,
      )
    },
  }
}
