import { fileIdSchema } from '@parley/events'
import { Elysia } from 'elysia'
import { contentDisposition } from './file-names.ts'
import type { FilePart, FileStore } from './file-store.ts'
import { isInlineImage } from './inspect-upload.ts'

/**
 * Nothing in a served file can run or reach out: no script, no plugin, no form, no
 * framing; `sandbox` gives even a file opened on its own a unique origin.
 */
export const FILE_CONTENT_SECURITY_POLICY = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox"

const notFound = () =>
  new Response('No such file: it was deleted, or the link is wrong', {
    status: 404,
    headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' },
  })

/**
 * `GET /files/<id>/<name>` and `GET /files/thumbnails/<id>.webp`: a stored file, streamed from the
 * store, under paths the web app never uses. The type is the one read from its bytes;
 * only PNG, JPEG, GIF and WebP open in the browser, everything else (SVG and HTML
 * included) downloads. The id is the right to download: 128 random bits, only ever given
 * to the room the file was sent to (see docs/protocol.md, "Files").
 */
export function downloadRoute(store: FileStore) {
  async function serve(id: string, part: FilePart): Promise<Response> {
    if (!fileIdSchema.safeParse(id).success) return notFound()
    const record = await store.get(id)
    if (!record || (part === 'thumbnail' && !record.image)) return notFound()
    const bytes = await store.read(id, part)
    if (!bytes) return notFound()
    const inline = part === 'thumbnail' || isInlineImage(record.type)
    return new Response(bytes.body, {
      headers: {
        'content-type': part === 'thumbnail' ? 'image/webp' : record.type,
        'content-length': String(bytes.size),
        'content-disposition': contentDisposition(inline ? 'inline' : 'attachment', record.name),
        'content-security-policy': FILE_CONTENT_SECURITY_POLICY,
        'x-content-type-options': 'nosniff',
        'cross-origin-resource-policy': 'same-origin',
        'referrer-policy': 'no-referrer',
        // Never changes while it exists; once its message is deleted it must not linger in shared caches.
        'cache-control': 'private, max-age=3600',
      },
    })
  }

  return new Elysia({ name: 'file-downloads' })
    .get('/files/thumbnails/:file', ({ params }) => serve(params.file.replace(/\.webp$/, ''), 'thumbnail'))
    .get('/files/:id/:name', ({ params }) => serve(params.id, 'original'))
    .get('/files/*', () => notFound())
}
