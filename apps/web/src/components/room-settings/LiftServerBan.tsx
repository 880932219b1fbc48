import { type FormEvent, useId, useState } from 'react'
import { useServerBan } from '../../chat/hooks/useServerBan.ts'
import { inputClass, Outcome, secondaryButton, useRequestState } from './parts.tsx'

/** The operator lifts a ban from the whole server by name: the banned are in no room to pick them from. */
export function LiftServerBan() {
  const id = useId()
  const serverBan = useServerBan()
  const [name, setName] = useState('')
  const { pending, error, done, run } = useRequestState()

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    const username = name.trim()
    if (username === '') return
    void run(async () => {
      const changed = await serverBan({ username, action: 'unban' })
      setName('')
      return changed ? `${username} may come back to the server.` : `${username} is not banned from the server.`
    })
  }

  return (
    <form onSubmit={handleSubmit} className="mt-3">
      <label htmlFor={id} className="mb-1 block text-sm text-ink-soft">
        Lift a ban from the server
      </label>
      <div className="flex gap-2">
        <input
          id={id}
          value={name}
          onChange={(event) => setName(event.target.value)}
          placeholder="Name"
          autoCapitalize="off"
          autoComplete="off"
          spellCheck={false}
          className={inputClass}
        />
        <button type="submit" disabled={pending} className={`${secondaryButton} shrink-0`}>
          Lift server ban
        </button>
      </div>
      <Outcome error={error} done={done} />
    </form>
  )
}
