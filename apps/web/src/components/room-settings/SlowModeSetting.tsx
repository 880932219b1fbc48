import { useId } from 'react'
import type { useRoomAdmin } from '../../chat/hooks/useRoomAdmin.ts'
import { describeSeconds } from '../../chat/model/room-change-text.ts'
import { inputClass, Outcome, Section, useRequestState } from './parts.tsx'

const CHOICES = [0, 5, 10, 30, 60, 300, 900, 3600]

interface SlowModeSettingProps {
  seconds: number
  canEdit: boolean
  admin: ReturnType<typeof useRoomAdmin>
}

function describe(seconds: number): string {
  return seconds === 0 ? 'Off' : `One message every ${describeSeconds(seconds)}`
}

/** Slow mode: how often each person may send here (owners, moderators and the operator choose it). */
export function SlowModeSetting({ seconds, canEdit, admin }: SlowModeSettingProps) {
  const id = useId()
  const { pending, error, done, run } = useRequestState()
  const choices = CHOICES.includes(seconds) ? CHOICES : [...CHOICES, seconds].sort((a, b) => a - b)

  return (
    <Section title="Slow mode">
      {canEdit ? (
        <>
          <label htmlFor={id} className="sr-only">
            Slow mode
          </label>
          <select
            id={id}
            value={seconds}
            disabled={pending}
            onChange={(event) => {
              const next = Number(event.target.value)
              void run(async () => {
                await admin.setSlowMode(next)
                return next === 0 ? 'Slow mode is off.' : `Slow mode: one message every ${describeSeconds(next)}.`
              })
            }}
            className={inputClass}
          >
            {choices.map((choice) => (
              <option key={choice} value={choice}>
                {describe(choice)}
              </option>
            ))}
          </select>
          <Outcome error={error} done={done} />
        </>
      ) : (
        <p className="text-sm text-ink-soft">{describe(seconds)}</p>
      )}
    </Section>
  )
}
