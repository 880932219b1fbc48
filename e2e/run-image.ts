// Proves the container image without a Docker engine: builds what the Dockerfile's
// builder builds, copies only what its runtime stage copies into an empty folder,
// checks that sharp (native, not bundled) works from those files alone, starts it
// with the image's CMD and ENV, checks its HEALTHCHECK, and runs the Playwright
// suite against it.
import { cpSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { readRuntimeStage } from './dockerfile.ts'
import { E2E_ADMIN_TOKEN } from './operator-token.ts'

const repo = fileURLToPath(new URL('..', import.meta.url))
const BUILDER_ROOT = '/src'
const PORT = Number(process.env.E2E_IMAGE_PORT ?? 3102)
const bunBin = join(repo, 'node_modules', '.bin')

function run(command: string[], options: { cwd?: string; env?: Record<string, string> } = {}): number {
  const result = Bun.spawnSync(command, {
    cwd: options.cwd ?? repo,
    env: { ...process.env, ...options.env },
    stdout: 'inherit',
    stderr: 'inherit',
  })
  return result.exitCode
}

const stage = readRuntimeStage(join(repo, 'Dockerfile'))
if (
  run([
    'npx',
    'turbo',
    'run',
    'build',
    '--filter=@parley/server',
    '--filter=@parley/web',
    '--output-logs=errors-only',
  ]) !== 0
) {
  process.exit(1)
}

const image = mkdtempSync(join(tmpdir(), 'parley-image-'))
const workdir = join(image, stage.workdir)
const dataDir = join(image, 'data')
mkdirSync(workdir, { recursive: true })
for (const { sources, destination } of stage.copies) {
  for (const source of sources) {
    // As COPY does: a folder's contents go into the destination; files go into it when it ends in /.
    const from = join(repo, relative(BUILDER_ROOT, source))
    const into = resolve(workdir, destination)
    const intoFolder = destination.endsWith('/') || sources.length > 1
    const target = !statSync(from).isDirectory() && intoFolder ? join(into, basename(from)) : into
    cpSync(from, target, { recursive: true })
  }
}
console.log(`image files in ${workdir}`)

// sharp is native, so not in the bundle: the image must carry everything it loads. Make a thumbnail with
// it there, with nothing but the image's files to resolve from (--no-install: no fetching what is missing).
const SHARP_CHECK = `
const { default: sharp } = await import('sharp')
const png = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#08f' } }).png().toBuffer()
const thumbnail = await sharp(png).resize(32).webp().toBuffer({ resolveWithObject: true })
if (thumbnail.info.format !== 'webp' || thumbnail.info.height !== 24) process.exit(1)
console.log(\`sharp \${sharp.versions.sharp} with libvips \${sharp.versions.vips} works in the image\`)`
if (run(['bun', '--no-install', '-e', SHARP_CHECK], { cwd: workdir }) !== 0) {
  console.error('sharp does not work from the image files')
  rmSync(image, { recursive: true, force: true })
  process.exit(1)
}

// The image's ENV, with the port and data folder moved to where this machine allows.
const env = {
  PATH: `${bunBin}:/usr/bin:/bin`,
  ...stage.env,
  PORT: String(PORT),
  DATA_DIR: dataDir,
  HOST: '127.0.0.1',
  // The specs that act as the operator present it.
  ADMIN_TOKEN: E2E_ADMIN_TOKEN,
}
const serverLog = join(image, 'server.log')
const server = Bun.spawn(stage.cmd, { cwd: workdir, env, stdout: Bun.file(serverLog), stderr: 'inherit' })

let status = 1
try {
  const healthy = await waitForHealth()
  if (!healthy) throw new Error('the server never answered /api/health')
  const healthcheck = run(stage.healthcheck, { cwd: workdir, env })
  if (healthcheck !== 0) throw new Error(`the HEALTHCHECK command exited with ${healthcheck}`)
  console.log('HEALTHCHECK passed')
  status = run(['npx', 'playwright', 'test'], { env: { E2E_BASE_URL: `http://127.0.0.1:${PORT}` } })
} catch (error) {
  console.error(error instanceof Error ? error.message : error)
} finally {
  server.kill('SIGTERM')
  await server.exited
  if (status !== 0)
    console.error(`the server's log:\n${(await Bun.file(serverLog).text()).split('\n').slice(-60).join('\n')}`)
  rmSync(image, { recursive: true, force: true })
}
process.exit(status)

async function waitForHealth(): Promise<boolean> {
  const deadline = Date.now() + 15_000
  while (Date.now() < deadline) {
    if (server.exitCode !== null) return false
    const ok = await fetch(`http://127.0.0.1:${PORT}/api/health`).then(
      (response) => response.ok,
      () => false,
    )
    if (ok) return true
    await Bun.sleep(100)
  }
  return false
}
