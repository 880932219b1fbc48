import { useId } from 'react'
import { useChatActions } from '../chat/context.ts'
import { DialogTitleBar } from './DialogTitleBar.tsx'
import { ModerationControls } from './ModerationControls.tsx'
import { Outcome, primaryButton, Section, useRequestState } from './room-settings/parts.tsx'
import { useModalDialog } from './useModalDialog.ts'

interface PersonDialogProps {
  room: string
  person: string
  /** We run the room (owner, moderator, operator) and may act on this person. */
  moderate: boolean
  /** After the direct conversation opened (closes the people drawer on narrow screens). */
  onOpened(): void
  onClose(): void
}

/**
 * What we can do with one person in the people list: message them privately (a direct
 * conversation, opened and shown), and, for those who run the room, moderate them.
 */
export function PersonDialog({ room, person, moderate, onOpened, onClose }: PersonDialogProps) {
  const id = useId()
  const dialogRef = useModalDialog(onClose)
  const { openDirect } = useChatActions()
  const direct = useRequestState()

  const messagePrivately = () =>
    void direct.run(async () => {
      await openDirect(person)
      dialogRef.current?.close()
      onOpened()
      return null
    })

  return (
    <dialog
      ref={dialogRef}
      aria-labelledby={`${id}-title`}
      className="m-auto w-[min(24rem,calc(100vw-1rem))] rounded-2xl border border-line bg-raised p-5 text-ink shadow-2xl backdrop:bg-slate-950/50"
    >
      <DialogTitleBar
        id={`${id}-title`}
        title={moderate ? `Moderate ${person}` : person}
        onClose={() => dialogRef.current?.close()}
      />
      <div className="mt-3 space-y-4">
        <div>
          <button type="button" disabled={direct.pending} onClick={messagePrivately} className={primaryButton}>
            Message privately
          </button>
          <p className="mt-1.5 text-xs text-muted">A conversation only the two of you can see.</p>
          <Outcome error={direct.error} done={direct.done} />
        </div>
        {moderate && (
          <Section title="Moderate">
            <ModerationControls room={room} person={person} />
          </Section>
        )}
      </div>
    </dialog>
  )
}
