/**
 * The top of a room's timeline when older messages exist: loading them, or why they could not be.
 * Both states are one height, so switching between them at the very top moves nothing.
 */
export function OlderMessages({ loading, error, onLoad }: { loading: boolean; error: string | null; onLoad(): void }) {
  if (loading) {
    return (
      <li className="flex min-h-12 items-center justify-center gap-2 px-4 text-xs font-medium text-slate-500">
        <span
          aria-hidden="true"
          className="size-3.5 animate-spin rounded-full border-2 border-slate-200 border-t-slate-500 motion-reduce:animate-none"
        />
        Loading older messages…
      </li>
    )
  }
  return (
    <li className="flex min-h-12 flex-wrap items-center justify-center gap-x-2 gap-y-1 px-4 text-xs">
      {error && <span className="text-rose-700">Could not load older messages: {error}</span>}
      <button
        type="button"
        onClick={onLoad}
        className="rounded-md px-2 py-1 font-medium text-slate-500 transition hover:bg-slate-100 hover:text-slate-900 focus-visible:outline-2 focus-visible:outline-accent-500"
      >
        {error ? 'Try again' : 'Load older messages'}
      </button>
    </li>
  )
}

/** The room's very first line: nothing older exists. */
export function StartOfRoom({ room, empty }: { room: string; empty: boolean }) {
  return (
    <li className={`flex flex-col items-center px-6 text-center ${empty ? 'm-auto max-w-xs py-12' : 'pt-6 pb-4'}`}>
      <span
        aria-hidden="true"
        className="mb-3 inline-flex size-12 items-center justify-center rounded-2xl bg-accent-50 text-2xl text-accent-600"
      >
        #
      </span>
      <p className="text-sm font-semibold text-slate-900">This is the start of #{room}</p>
      {empty && <p className="mt-1 text-sm text-slate-500">No messages yet. Say hello!</p>}
    </li>
  )
}

/** Before the room's first join answer (right after a reload): its messages are on their way. */
export function LoadingRoom() {
  return (
    <li className="m-auto flex items-center gap-2 px-6 py-12 text-sm text-slate-500">
      <span
        aria-hidden="true"
        className="size-4 animate-spin rounded-full border-2 border-slate-200 border-t-slate-500 motion-reduce:animate-none"
      />
      Loading messages…
    </li>
  )
}
