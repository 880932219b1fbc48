// A fresh production build of the web app, as `npm run build` makes it (precompressed copies
// included), in a temporary folder: the figures are of the source being measured, never of
// whatever apps/web/dist holds.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const webRoot = fileURLToPath(new URL('../../apps/web', import.meta.url))
const vite = fileURLToPath(new URL('../../node_modules/.bin/vite', import.meta.url))

export interface WebBuild {
  dir: string
  /** Wall time of the whole build, compression included. */
  seconds: number
  remove(): void
}

/** Builds the web app into a temporary folder (Vite under Node, as the build scripts run it). */
export async function buildWebApp(): Promise<WebBuild> {
  const dir = mkdtempSync(join(tmpdir(), 'parley-bench-web-'))
  const remove = () => rmSync(dir, { recursive: true, force: true })
  const started = performance.now()
  const build = Bun.spawn([vite, 'build', '--outDir', dir, '--emptyOutDir', '--logLevel', 'error'], {
    cwd: webRoot,
    stdout: 'pipe',
    stderr: 'pipe',
  })
  const [code, output, errors] = await Promise.all([
    build.exited,
    new Response(build.stdout).text(),
    new Response(build.stderr).text(),
  ])
  if (code !== 0) {
    remove()
    throw new Error(`vite build exited with ${code}: ${`${output}\n${errors}`.trim().slice(-2_000)}`)
  }
  return { dir, seconds: (performance.now() - started) / 1000, remove }
}
