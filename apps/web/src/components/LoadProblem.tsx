import { useSyncExternalStore } from 'react'
import type { LoadRecovery, RecoveryState } from '../preload-recovery.ts'

const KEPT = 'Your rooms and unsent messages are kept.'

/** What the person reads, by what went wrong and what the page is doing about it. */
const WORDS = {
  reloading: {
    title: 'Loading Parley again',
    text: `Part of Parley could not be loaded (a new version may be out), so the page is reloading. ${KEPT}`,
  },
  failed: {
    title: 'Parley could not finish loading',
    text: `Part of Parley could not be loaded, even after reloading the page. Check your connection, then reload. ${KEPT}`,
  },
  crashed: {
    title: 'Something went wrong',
    text: `Parley ran into an error it could not recover from. Reload the page to carry on. ${KEPT}`,
  },
} as const

function useRecoveryState(recovery: LoadRecovery): RecoveryState {
  return useSyncExternalStore(recovery.subscribe, () => recovery.state)
}

function ReloadButton() {
  return (
    <button
      type="button"
      onClick={() => window.location.reload()}
      className="shrink-0 rounded-lg bg-accent-600 px-3 py-1.5 text-sm font-semibold text-white shadow-sm transition hover:bg-accent-700"
    >
      Reload
    </button>
  )
}

/**
 * The whole page, when the app could not render: a part that failed to load (while the
 * page reloads, or for good) or any other error. Never a blank screen.
 */
export function LoadProblemPage({ recovery, failedLoad }: { recovery: LoadRecovery; failedLoad: boolean }) {
  const state = useRecoveryState(recovery)
  const words = !failedLoad ? WORDS.crashed : state === 'failed' ? WORDS.failed : WORDS.reloading
  const settled = words !== WORDS.reloading
  return (
    <main className="flex h-dvh items-center justify-center bg-canvas px-4">
      <div
        role={settled ? 'alert' : 'status'}
        className="w-full max-w-md rounded-2xl border border-line bg-surface p-6 text-ink shadow-sm"
      >
        <h1 className="text-lg font-semibold tracking-tight">{words.title}</h1>
        <p className="mt-2 text-sm text-muted">{words.text}</p>
        {settled && (
          <div className="mt-4">
            <ReloadButton />
          </div>
        )}
      </div>
    </main>
  )
}

/** A bar over the running app while it reloads for a part that failed to load, or after it gave up. */
export function LoadProblemBar({ recovery }: { recovery: LoadRecovery }) {
  const state = useRecoveryState(recovery)
  if (state === 'idle') return null
  const words = state === 'failed' ? WORDS.failed : WORDS.reloading
  return (
    <div className="pointer-events-none fixed inset-x-0 top-3 z-50 flex justify-center px-3">
      <div
        role={state === 'failed' ? 'alert' : 'status'}
        className="pointer-events-auto flex max-w-xl items-center gap-3 rounded-xl border border-line bg-surface px-4 py-3 text-sm text-ink shadow-md"
      >
        <p className="min-w-0 flex-1">
          <strong className="font-semibold">{words.title}.</strong> {words.text}
        </p>
        {state === 'failed' && <ReloadButton />}
      </div>
    </div>
  )
}
