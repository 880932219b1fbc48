import type { HandoffResponse } from '@parley/events'
import { continueLink } from '@parley/events/rules'
import { useCallback, useEffect, useId, useRef, useState } from 'react'
import { useChatClient } from '../chat/context.ts'
import { describeError } from '../chat/model/errors.ts'
import { formatTime } from '../chat/model/format.ts'
import { QrCode } from './QrCode.tsx'
import { useModalDialog } from './useModalDialog.ts'

const REQUEST_TIMEOUT_MS = 5_000

type LinkState =
  | { kind: 'making' }
  | { kind: 'ready'; link: string; expiresAt: number }
  | { kind: 'failed'; reason: string }

/** Whole minutes left until `expiresAt`, at least 1 while any time is left. */
function minutesLeft(expiresAt: number, now: number): number {
  return Math.max(1, Math.ceil((expiresAt - now) / 60_000))
}

/**
 * "Continue on another device": asks the server for a one-time link to this session and
 * shows it with a Copy button and a QR code to scan with a phone, and when it stops
 * working. An expired link can be replaced by a new one.
 */
export function ContinueDialog({ onClose }: { onClose(): void }) {
  const id = useId()
  const client = useChatClient()
  const dialogRef = useModalDialog(onClose)
  const [state, setState] = useState<LinkState>({ kind: 'making' })
  const [copied, setCopied] = useState<'yes' | 'no' | null>(null)
  const [now, setNow] = useState(() => Date.now())
  const linkRef = useRef<HTMLInputElement>(null)

  const make = useCallback(() => {
    setState({ kind: 'making' })
    setCopied(null)
    client
      .request('handoff', {}, { timeout: REQUEST_TIMEOUT_MS })
      .then(({ code, expiresAt }: HandoffResponse) => {
        setNow(Date.now())
        setState({ kind: 'ready', link: continueLink(window.location.origin, code), expiresAt })
      })
      .catch((error: unknown) => setState({ kind: 'failed', reason: describeError(error) }))
  }, [client])

  useEffect(make, [make])

  // The time left is shown in minutes: a tick every few seconds keeps it right, and notices the end.
  useEffect(() => {
    if (state.kind !== 'ready') return
    const timer = setInterval(() => setNow(Date.now()), 5_000)
    return () => clearInterval(timer)
  }, [state.kind])

  const expired = state.kind === 'ready' && now >= state.expiresAt

  async function copy(link: string) {
    try {
      await navigator.clipboard.writeText(link)
      setCopied('yes')
    } catch {
      // No clipboard here (an insecure page, or refused): select the link for a copy by hand.
      linkRef.current?.select()
      setCopied('no')
    }
  }

  return (
    <dialog
      ref={dialogRef}
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-text`}
      className="m-auto w-[min(24rem,calc(100vw-2rem))] rounded-2xl border border-line bg-raised p-5 text-ink shadow-2xl backdrop:bg-slate-950/50"
    >
      <h2 id={`${id}-title`} className="text-base font-semibold">
        Continue on another device
      </h2>
      <p id={`${id}-text`} className="mt-2 text-sm text-muted">
        Open this link on your phone or in another browser to carry on as yourself there, in the same rooms. It works
        once; anyone who has it can use it, so keep it to yourself.
      </p>

      {state.kind === 'making' && (
        <p role="status" className="mt-4 text-sm text-muted">
          Making a link…
        </p>
      )}

      {state.kind === 'failed' && (
        <p
          role="alert"
          className="mt-4 rounded-lg border border-rose-200 bg-rose-50 px-3 py-2 text-sm text-rose-700 dark:border-rose-900 dark:bg-rose-950/50 dark:text-rose-200"
        >
          {state.reason}
        </p>
      )}

      {state.kind === 'ready' && !expired && (
        <>
          <QrCode
            text={state.link}
            label="QR code of the link, to scan with a phone"
            className="mx-auto mt-4 size-48 rounded-lg"
          />
          <label htmlFor={`${id}-link`} className="mt-4 block text-sm font-medium text-ink">
            Link
          </label>
          <div className="mt-1.5 flex gap-2">
            <input
              ref={linkRef}
              id={`${id}-link`}
              readOnly
              value={state.link}
              onFocus={(event) => event.currentTarget.select()}
              className="min-w-0 flex-1 rounded-lg border border-line-strong bg-sunken px-2.5 py-1.5 font-mono text-xs text-ink"
            />
            <button
              type="button"
              onClick={() => void copy(state.link)}
              className="shrink-0 rounded-lg bg-accent-600 px-3.5 py-1.5 text-sm font-semibold text-white transition hover:bg-accent-700"
            >
              Copy
            </button>
          </div>
          <p role="status" className="mt-2 text-xs text-muted">
            {copied === 'yes' && 'Copied. '}
            {copied === 'no' && 'The link is selected: copy it with Ctrl+C or ⌘C. '}
            Works until {formatTime(state.expiresAt)} (in {minutesLeft(state.expiresAt, now)} min).
          </p>
        </>
      )}

      {expired && (
        <p role="status" className="mt-4 text-sm text-muted">
          The link has expired.
        </p>
      )}

      <div className="mt-5 flex justify-end gap-2">
        {(expired || state.kind === 'failed') && (
          <button
            type="button"
            onClick={make}
            className="rounded-lg border border-line-strong px-3.5 py-1.5 text-sm font-semibold text-ink transition hover:bg-hover"
          >
            Make a new link
          </button>
        )}
        <button
          type="button"
          // biome-ignore lint/a11y/noAutofocus: the dialog starts on its way out; the link is one Tab away
          autoFocus
          onClick={() => dialogRef.current?.close()}
          className="rounded-lg border border-line-strong px-3.5 py-1.5 text-sm font-semibold text-ink transition hover:bg-hover"
        >
          Close
        </button>
      </div>
    </dialog>
  )
}
