// Writes a run's figures as JSON to bench/results/<timestamp>.json, for comparing runs.
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const resultsDir = fileURLToPath(new URL('../results/', import.meta.url))

/** Writes `data` and returns the file's path. */
export function writeResults(startedAt: Date, data: unknown): string {
  mkdirSync(resultsDir, { recursive: true })
  const file = join(resultsDir, `${startedAt.toISOString().replace(/[:.]/g, '-')}.json`)
  writeFileSync(file, `${JSON.stringify(data, null, 2)}\n`)
  return file
}
