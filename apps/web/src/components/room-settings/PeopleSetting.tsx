import type { useRoomAdmin } from '../../chat/hooks/useRoomAdmin.ts'
import { NameForm, Outcome, Section, secondaryButton, useRequestState } from './parts.tsx'

interface PeopleSettingProps {
  owner: string | undefined
  moderators: readonly string[]
  /** May name moderators and hand the room over (its owner, or the operator). */
  canManage: boolean
  admin: ReturnType<typeof useRoomAdmin>
}

/** Who runs the room: its owner and moderators; the owner (or the operator) names moderators and hands the room over. */
export function PeopleSetting({ owner, moderators, canManage, admin }: PeopleSettingProps) {
  const { error, done, run } = useRequestState()

  return (
    <Section title="Owner and moderators">
      <p className="text-sm text-ink-soft">
        {owner === undefined ? 'This room has no owner yet: the operator can name one.' : `Owner: ${owner}`}
      </p>
      <ul aria-label="Moderators" className="mt-2 space-y-1">
        {moderators.length === 0 && <li className="text-sm text-muted">No moderators.</li>}
        {moderators.map((name) => (
          <li key={name} className="flex items-center justify-between gap-2 text-sm text-ink">
            <span className="min-w-0 truncate">{name}</span>
            {canManage && (
              <button
                type="button"
                aria-label={`Remove ${name} as moderator`}
                onClick={() =>
                  void run(async () =>
                    (await admin.setModerator(name, false)) ? `${name} is no longer a moderator.` : null,
                  )
                }
                className={secondaryButton}
              >
                Remove
              </button>
            )}
          </li>
        ))}
      </ul>
      {canManage && (
        <>
          <NameForm
            label="Name of a new moderator"
            action="Add moderator"
            onSubmit={(name) =>
              void run(async () =>
                (await admin.setModerator(name, true))
                  ? `${name} is now a moderator.`
                  : `${name} was a moderator already.`,
              )
            }
          />
          <NameForm
            label="Hand the room to (name)"
            action="Hand over"
            onSubmit={(name) =>
              void run(async () =>
                (await admin.setOwner(name)) ? `${name} now owns this room.` : `${name} owned it already.`,
              )
            }
          />
        </>
      )}
      <Outcome error={error} done={done} />
    </Section>
  )
}
