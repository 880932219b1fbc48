import { type FormEvent, useState } from 'react'
import { useChatActions } from '../chat/context.ts'
import { describeError } from '../chat/model/errors.ts'
import { loadConnection } from '../chat/net/client.ts'
import { PlusIcon } from './icons.tsx'
import { roomNameHint } from './room-name-hint.ts'
import { TextField } from './TextField.tsx'

/**
 * "Join or create a room": one more room, by name (trimmed and folded to lower case), on the
 * same connection. "Private room" makes a room this join creates private (joined by invite
 * link only, never listed); a room that exists stays as it is.
 */
export function JoinRoomForm({ onJoined }: { onJoined?: () => void }) {
  const { joinRoom } = useChatActions()
  const [name, setName] = useState('')
  const [privateRoom, setPrivateRoom] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [pending, setPending] = useState(false)

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    if (pending) return
    setPending(true)
    setError(null)
    try {
      const { checkRoomName } = await loadConnection()
      const checked = checkRoomName(name)
      if (!checked.ok) {
        setError(checked.error)
        return
      }
      await joinRoom(checked.value, privateRoom ? { private: true } : undefined)
      setName('')
      setPrivateRoom(false)
      onJoined?.()
    } catch (joinError) {
      setError(describeError(joinError))
    } finally {
      setPending(false)
    }
  }

  return (
    <form noValidate onSubmit={handleSubmit} aria-label="Join another room" className="space-y-2">
      <h3 className="px-4 text-xs font-semibold tracking-wide text-muted uppercase">Join or create a room</h3>
      <div className="flex items-start gap-2 px-2">
        <TextField
          label="Room name"
          hideLabel
          value={name}
          onChange={(value) => {
            setName(value)
            setError(null)
          }}
          error={error}
          hint={name === '' ? null : roomNameHint(name)}
          adornment="#"
          placeholder="room name"
          autoCapitalize="off"
          spellCheck={false}
          className="min-w-0 flex-1"
        />
        <button
          type="submit"
          disabled={pending}
          aria-label="Join room"
          title="Join room"
          className="inline-flex size-[38px] shrink-0 items-center justify-center rounded-lg bg-slate-900 text-white transition hover:bg-slate-700 disabled:opacity-60 dark:bg-accent-600 dark:hover:bg-accent-500"
        >
          <PlusIcon className="size-4" />
        </button>
      </div>
      <label className="flex items-center gap-2 px-4 text-sm text-ink-soft">
        <input type="checkbox" checked={privateRoom} onChange={(event) => setPrivateRoom(event.target.checked)} />
        Private room
      </label>
    </form>
  )
}
