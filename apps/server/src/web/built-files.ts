import { readdir } from 'node:fs/promises'
import { join, relative, sep } from 'node:path'
import { CODINGS, type Coding } from './accept-encoding.ts'

/** One encoding of a built file, as it is sent. */
export interface Representation {
  path: string
  /** A strong validator: the original's content hash, and the coding for a variant. */
  etag: string
}

/** A file of the web build, and the precompressed variants the build wrote beside it. */
export interface BuiltFile {
  /** The original's media type, which its variants are sent under too. */
  type: string
  identity: Representation
  variants: Partial<Record<Coding, Representation>>
}

/** The build as served: index.html, and every file under assets/ by its URL path. */
export interface BuiltWebApp {
  page: BuiltFile
  assets: Map<string, BuiltFile>
}

const variantSuffix: Record<Coding, string> = { br: '.br', gzip: '.gz' }

/** `path` and whichever of its variants exist among `present`. */
async function builtFile(path: string, present: Set<string>): Promise<BuiltFile> {
  const original = Bun.file(path)
  const hash = Bun.hash(await original.arrayBuffer()).toString(36)
  const variants: BuiltFile['variants'] = {}
  for (const coding of CODINGS) {
    const variant = `${path}${variantSuffix[coding]}`
    if (present.has(variant)) variants[coding] = { path: variant, etag: `"${hash}-${coding}"` }
  }
  return { type: original.type, identity: { path, etag: `"${hash}"` }, variants }
}

/** Every file under `dir`, as absolute paths. */
async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => [])
  return entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name))
}

/** Whether `path` is a variant the build wrote beside an original, rather than a file of its own. */
function isVariant(path: string, present: Set<string>): boolean {
  return CODINGS.some((coding) => {
    const suffix = variantSuffix[coding]
    return path.endsWith(suffix) && present.has(path.slice(0, -suffix.length))
  })
}

/**
 * Lists the build in `dist` once, at start (a build never changes under a running server):
 * index.html and the files under assets/, each with its `.br` and `.gz` variants. A variant
 * is no URL of its own; a `.gz` file with no original beside it is an ordinary file.
 */
export async function readBuiltWebApp(dist: string): Promise<BuiltWebApp> {
  const assetsDir = join(dist, 'assets')
  const files = await listFiles(assetsDir)
  const indexHtml = join(dist, 'index.html')
  const topLevel = (await readdir(dist)).map((name) => join(dist, name))
  const present = new Set([...files, ...topLevel])
  const assets = new Map<string, BuiltFile>()
  for (const path of files) {
    if (isVariant(path, present)) continue
    const url = `/assets/${relative(assetsDir, path).split(sep).join('/')}`
    assets.set(url, await builtFile(path, present))
  }
  return { page: await builtFile(indexHtml, present), assets }
}
