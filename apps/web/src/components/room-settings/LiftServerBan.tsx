import { useServerBan } from '../../chat/hooks/useServerBan.ts'
import { NameForm, Outcome, secondaryButton, useRequestState } from './parts.tsx'

/** The operator lifts a ban from the whole server by name: the banned are in no room to pick them from. */
export function LiftServerBan() {
  const serverBan = useServerBan()
  const { pending, error, done, run } = useRequestState()

  function lift(username: string) {
    void run(async () => {
      const changed = await serverBan({ username, action: 'unban' })
      return changed ? `${username} may come back to the server.` : `${username} is not banned from the server.`
    })
  }

  return (
    <NameForm
      label="Lift a ban from the server"
      action="Lift server ban"
      onSubmit={lift}
      disabled={pending}
      button={secondaryButton}
    >
      <Outcome error={error} done={done} />
    </NameForm>
  )
}
