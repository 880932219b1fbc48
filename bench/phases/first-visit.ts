// A first visit, in bytes on the wire: index.html, then what a browser fetches before the
// join screen can show (the entry script, the stylesheet, and any modulepreload index.html
// lists), asked for as a browser asks (Accept-Encoding: br, gzip), gzip only, and with no
// compression, from the production server on a fresh build. Bytes are response bodies as
// sent (headers left out). Run alone with `bun bench/phases/first-visit.ts`.
import { brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib'
import { startParleyWith } from '../servers/start-servers.ts'
import { buildWebApp } from '../servers/web-build.ts'
import { consoleRunLog, type RunLog } from './run-log.ts'

/** The three ways of asking: what each sends as Accept-Encoding. */
export const ASKED = { brotli: 'br, gzip', gzip: 'gzip', none: 'identity' } as const

export type Asked = keyof typeof ASKED

/** One file fetched before the join screen, and its bytes on the wire for each way of asking. */
export interface FirstVisitFile {
  path: string
  kind: 'page' | 'script' | 'style'
  /** Why the browser fetches it: the page itself, the entry, the stylesheet, or a modulepreload. */
  role: 'page' | 'entry' | 'stylesheet' | 'modulepreload'
  bytes: Record<Asked, number>
  /** The Content-Encoding each got (`identity` when none). */
  codings: Record<Asked, string>
}

export interface FirstVisitFigure {
  files: FirstVisitFile[]
  /** Every byte before the join screen, and of those the JavaScript's, per way of asking. */
  totalBytes: Record<Asked, number>
  scriptBytes: Record<Asked, number>
  /** The scripts and stylesheet (not the page), per way of asking: the target's measure. */
  scriptAndStyleBytes: Record<Asked, number>
  /** The entry and the stylesheet at gzip -9: the target for the bytes the scripts and stylesheet take on the wire. */
  entryAndStyleGzipBytes: number
  buildSeconds: number
}

/** The `<script>` and `<link>` tags of a page, with their attributes. */
function tags(html: string): { name: string; attributes: Map<string, string> }[] {
  return [...html.matchAll(/<(script|link)\b([^>]*)>/gi)].map(([, name = '', rest = '']) => ({
    name: name.toLowerCase(),
    attributes: new Map([...rest.matchAll(/([\w-]+)(?:="([^"]*)")?/g)].map(([, key = '', value = '']) => [key, value])),
  }))
}

/** What a browser fetches from index.html before the app can paint, in the page's order. */
export function beforeFirstPaint(html: string): Pick<FirstVisitFile, 'path' | 'kind' | 'role'>[] {
  const files: Pick<FirstVisitFile, 'path' | 'kind' | 'role'>[] = []
  for (const { name, attributes } of tags(html)) {
    const src = attributes.get('src')
    const href = attributes.get('href')
    const rel = attributes.get('rel')
    if (name === 'script' && attributes.get('type') === 'module' && src)
      files.push({ path: src, kind: 'script', role: 'entry' })
    else if (name === 'link' && rel === 'stylesheet' && href)
      files.push({ path: href, kind: 'style', role: 'stylesheet' })
    else if (name === 'link' && rel === 'modulepreload' && href)
      files.push({ path: href, kind: 'script', role: 'modulepreload' })
  }
  return files
}

const decoders: Record<string, (bytes: Buffer) => Buffer> = {
  br: brotliDecompressSync,
  gzip: gunzipSync,
  identity: (bytes) => bytes,
}

/** Fetches `path` asking as `asked`, without decoding: the body as sent, and its coding. */
async function fetchAsSent(http: string, path: string, asked: Asked) {
  const response = await fetch(`${http}${path}`, { headers: { 'accept-encoding': ASKED[asked] }, decompress: false })
  if (!response.ok) throw new Error(`${path} answered ${response.status}`)
  const coding = response.headers.get('content-encoding') ?? 'identity'
  return { bytes: Buffer.from(await response.arrayBuffer()), coding }
}

/** The file at `path` in every way of asking, each checked to decode to the same bytes. */
async function measureFile(http: string, file: Pick<FirstVisitFile, 'path' | 'kind' | 'role'>) {
  const brotli = await fetchAsSent(http, file.path, 'brotli')
  const gzip = await fetchAsSent(http, file.path, 'gzip')
  const none = await fetchAsSent(http, file.path, 'none')
  for (const { bytes, coding } of [brotli, gzip]) {
    if (!decoders[coding]?.(bytes).equals(none.bytes)) throw new Error(`${file.path} sent as ${coding} is not the file`)
  }
  const measured: FirstVisitFile = {
    ...file,
    bytes: { brotli: brotli.bytes.length, gzip: gzip.bytes.length, none: none.bytes.length },
    codings: { brotli: brotli.coding, gzip: gzip.coding, none: none.coding },
  }
  return { measured, original: none.bytes }
}

const sum = (files: FirstVisitFile[], asked: Asked) => files.reduce((total, file) => total + file.bytes[asked], 0)
const perAsked = (files: FirstVisitFile[]) =>
  ({ brotli: sum(files, 'brotli'), gzip: sum(files, 'gzip'), none: sum(files, 'none') }) satisfies Record<Asked, number>

/** A first visit to the server at `http`. */
export async function measureFirstVisit(http: string, buildSeconds: number): Promise<FirstVisitFigure> {
  const page = await measureFile(http, { path: '/', kind: 'page', role: 'page' })
  const measured = [page]
  for (const file of beforeFirstPaint(page.original.toString('utf8'))) measured.push(await measureFile(http, file))
  const files = measured.map(({ measured }) => measured)
  const entryAndStyle = measured.filter(({ measured }) => measured.role === 'entry' || measured.role === 'stylesheet')
  return {
    files,
    totalBytes: perAsked(files),
    scriptBytes: perAsked(files.filter((file) => file.kind === 'script')),
    scriptAndStyleBytes: perAsked(files.filter((file) => file.kind !== 'page')),
    entryAndStyleGzipBytes: entryAndStyle.reduce(
      (total, { original }) => total + gzipSync(original, { level: 9 }).length,
      0,
    ),
    buildSeconds,
  }
}

/** A first visit on a fresh build served by Parley as deployed (storage in memory: it plays no part). */
export async function firstVisitPhase(run: RunLog): Promise<FirstVisitFigure | undefined> {
  run.say('parley: a first visit, bytes on the wire before the join screen, on a fresh web build')
  return run.attempt('first visit', async () => {
    const build = await buildWebApp()
    try {
      const server = await startParleyWith('parley (first visit)', { DATABASE_URL: 'memory:', WEB_DIST: build.dir })
      try {
        const figure = await measureFirstVisit(server.http, build.seconds)
        const kB = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`
        run.say(
          `  ${figure.files.length} files: ${kB(figure.totalBytes.brotli)} brotli, ${kB(figure.totalBytes.gzip)} gzip, ` +
            `${kB(figure.totalBytes.none)} uncompressed; JavaScript ${kB(figure.scriptBytes.brotli)} brotli`,
        )
        return figure
      } finally {
        await server.stop()
      }
    } finally {
      build.remove()
    }
  })
}

if (import.meta.main) {
  const figure = await firstVisitPhase(consoleRunLog)
  console.log(JSON.stringify(figure, null, 2))
  process.exit(figure ? 0 : 1)
}
