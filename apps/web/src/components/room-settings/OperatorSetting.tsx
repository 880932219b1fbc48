import { type FormEvent, useId, useState } from 'react'
import { useChatActions, useChatSelector } from '../../chat/context.ts'
import { LiftServerBan } from './LiftServerBan.tsx'
import { inputClass, Outcome, primaryButton, Section, useRequestState } from './parts.tsx'

/**
 * Act as the server's operator with its token (kept for this tab, presented again after every
 * reconnection); the operator lifts bans from the server here.
 */
export function OperatorSetting() {
  const id = useId()
  const operator = useChatSelector((state) => state.operator)
  const { actAsOperator } = useChatActions()
  const [token, setToken] = useState('')
  const { pending, error, done, run } = useRequestState()

  if (operator) {
    return (
      <Section title="Operator">
        <p className="text-sm text-ink-soft">This tab acts as the server's operator: every right in every room.</p>
        <LiftServerBan />
      </Section>
    )
  }

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    if (token === '') return
    void run(async () => {
      await actAsOperator(token)
      setToken('')
      return 'You act as the operator.'
    })
  }

  return (
    <Section title="Operator">
      <form onSubmit={handleSubmit} className="flex gap-2">
        <label htmlFor={id} className="sr-only">
          Operator token
        </label>
        <input
          id={id}
          type="password"
          value={token}
          onChange={(event) => setToken(event.target.value)}
          placeholder="Operator token"
          autoComplete="off"
          className={inputClass}
        />
        <button type="submit" disabled={pending} className={`${primaryButton} shrink-0`}>
          Act as operator
        </button>
      </form>
      <Outcome error={error} done={done} />
    </Section>
  )
}
