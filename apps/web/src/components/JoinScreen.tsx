import { DEFAULT_ROOM, roomNameSchema, usernameSchema } from '@parley/events'
import { type FormEvent, useState } from 'react'
import { useChat } from '../chat/context.ts'
import { loadLastUsername } from '../chat/persistence.ts'
import { LogoMark } from './icons.tsx'
import { TextField } from './TextField.tsx'

function firstIssue(result: { success: boolean; error?: { issues: { message: string }[] } }): string | null {
  return result.success ? null : (result.error?.issues[0]?.message ?? 'This value is not valid')
}

/** Pick a name and a room, checked by the same rules the server uses. */
export function JoinScreen() {
  const { state, join } = useChat()
  const [username, setUsername] = useState(() => state.username ?? loadLastUsername())
  const [room, setRoom] = useState(DEFAULT_ROOM)
  const [usernameError, setUsernameError] = useState<string | null>(null)
  const [roomError, setRoomError] = useState<string | null>(null)
  const [serverError, setServerError] = useState<string | null>(null)
  const [pending, setPending] = useState(false)
  const shownError = serverError ?? state.notice

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    if (pending) return
    const parsedUsername = usernameSchema.safeParse(username)
    const parsedRoom = roomNameSchema.safeParse(room)
    setUsernameError(firstIssue(parsedUsername))
    setRoomError(firstIssue(parsedRoom))
    setServerError(null)
    if (!parsedUsername.success || !parsedRoom.success) return
    setPending(true)
    try {
      await join(parsedUsername.data, parsedRoom.data)
    } catch (error) {
      setServerError(error instanceof Error ? error.message : 'Could not join. Please try again.')
      setPending(false)
    }
  }

  return (
    <main className="relative flex flex-1 items-center justify-center overflow-y-auto bg-linear-to-b from-white via-slate-50 to-accent-50 px-4 py-10">
      <div className="w-full max-w-sm animate-fade-in">
        <div className="mb-8 flex flex-col items-center text-center">
          <LogoMark className="size-12" />
          <h1 className="mt-4 text-2xl font-semibold tracking-tight text-slate-900">Welcome to Parley</h1>
          <p className="mt-1.5 text-sm text-slate-500">Pick a name and a room to start talking.</p>
        </div>

        <form
          noValidate
          onSubmit={handleSubmit}
          className="space-y-5 rounded-2xl border border-slate-200 bg-white p-6 shadow-sm shadow-slate-200/60"
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
            adornment="#"
            autoCapitalize="off"
            spellCheck={false}
            placeholder={DEFAULT_ROOM}
          />

          {shownError && (
            <p role="alert" className="rounded-lg border border-rose-200 bg-rose-50 px-3 py-2 text-sm text-rose-700">
              {shownError}
            </p>
          )}

          <button
            type="submit"
            disabled={pending}
            className="flex w-full items-center justify-center gap-2 rounded-lg bg-accent-600 px-4 py-2.5 text-sm font-semibold text-white shadow-sm transition hover:bg-accent-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-accent-600 disabled:cursor-wait disabled:opacity-70"
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

        <p className="mt-6 text-center text-xs text-slate-400">Messages are visible to everyone in the room.</p>
      </div>
    </main>
  )
}
