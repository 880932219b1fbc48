import { formatFileSize } from '@parley/events/rules'
import { type PendingUpload, percentOf, type UploadReadiness } from '../chat/model/uploads.ts'
import { CloseIcon, FileIcon } from './icons.tsx'

interface PendingFilesProps {
  uploads: readonly PendingUpload[]
  onCancel(key: string): void
  onRetry(key: string): void
}

function PendingFile({ upload, onCancel, onRetry }: { upload: PendingUpload } & Omit<PendingFilesProps, 'uploads'>) {
  const percent = percentOf(upload)
  const failed = upload.status === 'failed'
  return (
    <li
      data-testid="pending-file"
      data-status={upload.status}
      className={`flex w-full min-w-0 flex-col gap-1 rounded-lg border px-2.5 py-1.5 sm:w-60 ${
        failed ? 'border-rose-300 bg-rose-50/70 dark:border-rose-700 dark:bg-rose-950/40' : 'border-line bg-sunken'
      }`}
    >
      <div className="flex min-w-0 items-center gap-2">
        <FileIcon className="size-4 shrink-0 text-muted" />
        <span className="min-w-0 flex-1 truncate text-sm text-ink" title={upload.name}>
          {upload.name}
        </span>
        <span className="shrink-0 text-xs text-muted tabular-nums">{formatFileSize(upload.size)}</span>
        <button
          type="button"
          onClick={() => onCancel(upload.key)}
          aria-label={upload.status === 'uploading' ? `Cancel uploading ${upload.name}` : `Remove ${upload.name}`}
          title={upload.status === 'uploading' ? 'Cancel upload' : 'Remove'}
          className="-mr-1 inline-flex size-6 shrink-0 items-center justify-center rounded text-muted transition hover:bg-hover hover:text-ink"
        >
          <CloseIcon className="size-3.5" />
        </button>
      </div>
      {failed ? (
        <div className="flex items-start gap-2">
          <p className="min-w-0 flex-1 text-xs text-rose-700 dark:text-rose-300">{upload.error}</p>
          <button
            type="button"
            onClick={() => onRetry(upload.key)}
            aria-label={`Retry ${upload.name}`}
            className="shrink-0 rounded-md border border-rose-300 bg-surface px-2 py-0.5 text-xs font-semibold text-rose-700 transition hover:bg-rose-100 dark:border-rose-700 dark:text-rose-300 dark:hover:bg-rose-950"
          >
            Retry
          </button>
        </div>
      ) : (
        <div
          role="progressbar"
          aria-label={`Uploading ${upload.name}`}
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={percent}
          aria-valuetext={upload.status === 'uploaded' ? 'Uploaded' : `${percent}%`}
          className="h-1 overflow-hidden rounded-full bg-line"
        >
          <div
            className={`h-full rounded-full transition-[width] motion-reduce:transition-none ${
              upload.status === 'uploaded' ? 'bg-emerald-500' : 'bg-accent-500'
            }`}
            style={{ width: `${percent}%` }}
          />
        </div>
      )}
    </li>
  )
}

/**
 * The files attached to the message being written: each with its name, size and upload's
 * progress, a button that cancels (or takes it off), and after a failure the reason and Retry.
 */
export function PendingFiles({ uploads, onCancel, onRetry }: PendingFilesProps) {
  if (uploads.length === 0) return null
  return (
    <ul aria-label="Files to send" className="flex flex-wrap gap-2 px-3 pt-3">
      {uploads.map((upload) => (
        <PendingFile key={upload.key} upload={upload} onCancel={onCancel} onRetry={onRetry} />
      ))}
    </ul>
  )
}

/** Why Send waits, while it does, and files that could not be attached; announced politely. */
export function FilesNote({ ready, refusal }: { ready: UploadReadiness; refusal: string | null }) {
  const waiting =
    ready.uploading > 0
      ? `Sends once ${ready.uploading === 1 ? 'the file is' : `${ready.uploading} files are`} uploaded.`
      : ready.failed > 0
        ? `${ready.failed === 1 ? 'A file' : `${ready.failed} files`} could not be uploaded: retry or remove ${ready.failed === 1 ? 'it' : 'them'} to send.`
        : ''
  return (
    <p data-testid="files-note" aria-live="polite" className="mt-1.5 px-1 text-xs text-muted empty:mt-0">
      {[refusal, waiting].filter(Boolean).join(' ')}
    </p>
  )
}
