import { roomNameSchema } from '@parley/events'
import { type FormEvent, useState } from 'react'
import { useChat } from '../chat/context.ts'
import { PlusIcon } from './icons.tsx'
import { TextField } from './TextField.tsx'

/** "Join another room": one more room, by name, on the same connection. */
export function JoinRoomForm({ onJoined }: { onJoined?: () => void }) {
  const { joinRoom } = useChat()
  const [name, setName] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [pending, setPending] = useState(false)

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    if (pending) return
    const parsed = roomNameSchema.safeParse(name)
    if (!parsed.success) {
      setError(parsed.error.issues[0]?.message ?? 'This room name is not valid')
      return
    }
    setPending(true)
    setError(null)
    try {
      await joinRoom(parsed.data)
      setName('')
      onJoined?.()
    } catch (joinError) {
      setError(joinError instanceof Error ? joinError.message : 'Could not join that room.')
    } finally {
      setPending(false)
    }
  }

  return (
    <form noValidate onSubmit={handleSubmit} aria-label="Join another room" className="space-y-2">
      <h3 className="px-2 text-xs font-semibold tracking-wide text-slate-500 uppercase">Join another room</h3>
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
          className="inline-flex size-[38px] shrink-0 items-center justify-center rounded-lg bg-slate-900 text-white transition hover:bg-slate-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-accent-600 disabled:opacity-60"
        >
          <PlusIcon className="size-4" />
        </button>
      </div>
    </form>
  )
}
