import type { Attachment } from '@parley/events'
import { fileUrl, formatFileSize, thumbnailUrl } from '@parley/events/rules'
import { useState } from 'react'
import { type ImageAttachment, isImage, thumbnailSize, typeLabel } from '../chat/model/attachments.ts'
import { ImageViewer } from './ImageViewer.tsx'
import { DownloadIcon, FileIcon } from './icons.tsx'

function Thumbnail({ file, onOpen }: { file: ImageAttachment; onOpen(): void }) {
  const { width, height } = thumbnailSize(file)
  return (
    <button
      type="button"
      onClick={onOpen}
      aria-label={`Open image ${file.name}`}
      title={file.name}
      data-testid="thumbnail"
      className="block max-w-full overflow-hidden rounded-lg border border-line bg-sunken"
    >
      {/* The width and height make the box its final size before the image arrives. */}
      <img
        src={thumbnailUrl(file.id)}
        width={width}
        height={height}
        alt=""
        loading="lazy"
        decoding="async"
        className="block h-auto max-w-full"
      />
    </button>
  )
}

function FileCard({ file }: { file: Attachment }) {
  return (
    <div
      data-testid="file-card"
      className="flex h-12 w-full max-w-sm min-w-0 items-center gap-3 rounded-lg border border-line bg-sunken px-3"
    >
      <FileIcon className="size-5 shrink-0 text-muted" />
      <div className="min-w-0 flex-1">
        <p className="truncate text-sm font-medium text-ink" title={file.name}>
          {file.name}
        </p>
        <p className="truncate text-xs text-muted">
          {typeLabel(file.type)} · {formatFileSize(file.size)}
        </p>
      </div>
      <a
        href={fileUrl(file.id, file.name)}
        download={file.name}
        aria-label={`Download ${file.name} (${formatFileSize(file.size)})`}
        title="Download"
        className="inline-flex size-8 shrink-0 items-center justify-center rounded-lg text-muted transition hover:bg-hover hover:text-ink"
      >
        <DownloadIcon className="size-4" />
      </a>
    </div>
  )
}

/**
 * The files a message carries: images as thumbnails of their known size (a click opens the
 * viewer, ←/→ between this message's images), other files as a card with name, type, size
 * and a download link.
 */
export function MessageFiles({ files }: { files: readonly Attachment[] }) {
  const [viewing, setViewing] = useState<number | null>(null)
  if (files.length === 0) return null
  const images = files.filter(isImage)
  const others = files.filter((file) => !isImage(file))
  return (
    <div className="mt-1 mb-1 flex flex-col gap-2">
      {images.length > 0 && (
        <ul aria-label="Images" className="flex flex-wrap items-start gap-2">
          {images.map((file, index) => (
            <li key={file.id} className="max-w-full">
              <Thumbnail file={file} onOpen={() => setViewing(index)} />
            </li>
          ))}
        </ul>
      )}
      {others.length > 0 && (
        <ul aria-label="Files" className="flex flex-col gap-2">
          {others.map((file) => (
            <li key={file.id}>
              <FileCard file={file} />
            </li>
          ))}
        </ul>
      )}
      {viewing !== null && <ImageViewer images={images} start={viewing} onClose={() => setViewing(null)} />}
    </div>
  )
}
