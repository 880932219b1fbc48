import { DEFAULT_ROOM } from '@parley/events/rules'
import { type FormEvent, useState } from 'react'
import { loadLastUsername } from '../chat/browser/persistence.ts'
import { inviteFromHash, roomFromPath } from '../chat/browser/route.ts'
import { useChatActions, useChatSelector } from '../chat/context.ts'
import { openedByContinueLink } from '../chat/hooks/useContinueLink.ts'
import { describeError } from '../chat/model/errors.ts'
import { loadConnection } from '../chat/net/client.ts'
import { LogoMark } from './icons.tsx'
import { roomNameHint } from './room-name-hint.ts'
import { TextField } from './TextField.tsx'
import { ThemeToggle } from './ThemeToggle.tsx'

/**
 * Pick a name and a room, checked by the same rules the server uses. Arriving by a room's
 * address (`/r/<room>`) or a private room's invite link (`/#room=…&invite=…`), the room is
 * filled in, and joining lands there (with the invite, for that room).
 */
export function JoinScreen() {
  const { join } = useChatActions()
  const signedInAs = useChatSelector((state) => state.username)
  const notice = useChatSelector((state) => state.notice)
  const [invite] = useState(() => inviteFromHash(window.location.hash))
  const [linked] = useState(() => roomFromPath(window.location.pathname) ?? invite?.room ?? null)
  // Opened by a link from another device: the session is on its way, unless the link is refused (a notice).
  const [continuing] = useState(openedByContinueLink)
  const [username, setUsername] = useState(() => signedInAs ?? loadLastUsername())
  const [room, setRoom] = useState(linked ?? DEFAULT_ROOM)
  const [usernameError, setUsernameError] = useState<string | null>(null)
  const [roomError, setRoomError] = useState<string | null>(null)
  const [serverError, setServerError] = useState<string | null>(null)
  const [pending, setPending] = useState(false)
  const shownError = serverError ?? notice

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    if (pending) return
    setServerError(null)
    setPending(true)
    try {
      const { checkUsername, checkRoomName } = await loadConnection()
      const checkedUsername = checkUsername(username)
      const checkedRoom = checkRoomName(room)
      setUsernameError(checkedUsername.ok ? null : checkedUsername.error)
      setRoomError(checkedRoom.ok ? null : checkedRoom.error)
      if (!checkedUsername.ok || !checkedRoom.ok) {
        setPending(false)
        return
      }
      const invited = invite !== null && invite.room === checkedRoom.value
      await join(checkedUsername.value, checkedRoom.value, invited ? { invite: invite.invite } : undefined)
    } catch (error) {
      setServerError(describeError(error))
      setPending(false)
    }
  }

  return (
    <main className="relative flex flex-1 items-center justify-center overflow-y-auto bg-linear-to-b from-surface via-canvas to-accent-50 px-4 py-10 dark:to-accent-950/40">
      <ThemeToggle className="absolute top-3 right-3" />
      <div className="w-full max-w-sm animate-fade-in">
        <div className="mb-8 flex flex-col items-center text-center">
          <LogoMark className="size-12" />
          <h1 className="mt-4 text-2xl font-semibold tracking-tight text-ink">Welcome to Parley</h1>
          {continuing && notice === null ? (
            <p role="status" className="mt-1.5 text-sm text-muted">
              Continuing your session from the other device…
            </p>
          ) : (
            <p className="mt-1.5 text-sm text-muted">
              {invite
                ? `You are invited to #${invite.room}: pick a name to join it.`
                : linked
                  ? `Pick a name to join #${linked}.`
                  : 'Pick a name and a room to start talking.'}
            </p>
          )}
        </div>

        <form
          noValidate
          onSubmit={handleSubmit}
          className="space-y-5 rounded-2xl border border-line bg-surface p-6 shadow-sm shadow-slate-200/60 dark:shadow-black/30"
          aria-busy={pending}
        >
          <TextField
            label="Username"
            value={username}
            onChange={(value) => {
              setUsername(value)
              setUsernameError(null)
            }}
            error={usernameError}
            autoComplete="nickname"
            autoCapitalize="off"
            spellCheck={false}
            placeholder="e.g. ada"
            autoFocus
          />
          <TextField
            label="Room"
            value={room}
            onChange={(value) => {
              setRoom(value)
              setRoomError(null)
            }}
            error={roomError}
            hint={roomNameHint(room)}
            adornment="#"
            autoCapitalize="off"
            spellCheck={false}
            placeholder={DEFAULT_ROOM}
          />

          {shownError && (
            <p
              role="alert"
              className="rounded-lg border border-rose-200 bg-rose-50 px-3 py-2 text-sm text-rose-700 dark:border-rose-900 dark:bg-rose-950/50 dark:text-rose-200"
            >
              {shownError}
            </p>
          )}

          <button
            type="submit"
            disabled={pending}
            className="flex w-full items-center justify-center gap-2 rounded-lg bg-accent-600 px-4 py-2.5 text-sm font-semibold text-white shadow-sm transition hover:bg-accent-700 disabled:cursor-wait disabled:opacity-70"
          >
            {pending && (
              <span
                aria-hidden="true"
                className="size-4 animate-spin rounded-full border-2 border-white/40 border-t-white"
              />
            )}
            Join
          </button>
        </form>

        <p className="mt-6 text-center text-xs text-muted">Messages are visible to everyone in the room.</p>
      </div>
    </main>
  )
}
