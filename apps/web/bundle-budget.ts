import { gzipSync } from 'node:zlib'
import type { Plugin } from 'vite'

interface BudgetOptions {
  /** Most gzip bytes the entry chunk and its static imports may weigh together. */
  limitBytes: number
}

interface ChunkLike {
  type: 'chunk' | 'asset'
  fileName: string
}

interface JsChunk extends ChunkLike {
  type: 'chunk'
  code: string
  isEntry: boolean
  imports: string[]
}

const kB = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`

function isChunk(output: ChunkLike | undefined): output is JsChunk {
  return output?.type === 'chunk'
}

/** The chunks a page loads before the app runs: the entry and, transitively, what it imports statically. */
function initialChunks(bundle: Record<string, ChunkLike>, entry: JsChunk): JsChunk[] {
  const seen = new Map<string, JsChunk>()
  const visit = (chunk: JsChunk) => {
    if (seen.has(chunk.fileName)) return
    seen.set(chunk.fileName, chunk)
    for (const file of chunk.imports) {
      const imported = bundle[file]
      if (isChunk(imported)) visit(imported)
    }
  }
  visit(entry)
  return [...seen.values()]
}

/**
 * Prints the gzip size of every JavaScript chunk, and fails the build when the initial
 * JavaScript (the entry chunk and its static imports) is over `limitBytes`. The chunks the
 * entry imports dynamically are listed as loaded later. Sizes are gzip level 9, in kB of 1,000 bytes.
 */
export function bundleBudget({ limitBytes }: BudgetOptions): Plugin {
  return {
    name: 'parley:bundle-budget',
    apply: 'build',
    generateBundle(_options, bundle) {
      const outputs = bundle as unknown as Record<string, ChunkLike>
      const chunks = Object.values(outputs).filter(isChunk)
      const entry = chunks.find((chunk) => chunk.isEntry)
      if (!entry) return this.error('The build has no entry chunk to measure')
      const gzip = new Map(chunks.map((chunk) => [chunk.fileName, gzipSync(chunk.code, { level: 9 }).length]))
      const initial = initialChunks(outputs, entry)
      const initialNames = new Set(initial.map((chunk) => chunk.fileName))
      const total = initial.reduce((sum, chunk) => sum + (gzip.get(chunk.fileName) ?? 0), 0)
      const later = chunks.filter((chunk) => !initialNames.has(chunk.fileName))

      const lines = [
        'JavaScript, gzip:',
        ...initial.map((chunk) => `  initial  ${kB(gzip.get(chunk.fileName) ?? 0).padStart(9)}  ${chunk.fileName}`),
        ...later.map((chunk) => `  lazy     ${kB(gzip.get(chunk.fileName) ?? 0).padStart(9)}  ${chunk.fileName}`),
        `Initial JavaScript: ${kB(total)} of a ${kB(limitBytes)} budget.`,
      ]
      console.log(`\n${lines.join('\n')}\n`)
      if (total > limitBytes) {
        this.error(`Initial JavaScript is ${kB(total)} gzip, over its budget of ${kB(limitBytes)}`)
      }
    },
  }
}
