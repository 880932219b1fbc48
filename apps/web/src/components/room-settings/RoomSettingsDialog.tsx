import { useId } from 'react'
import { useChatSelector } from '../../chat/context.ts'
import { useRoomAdmin } from '../../chat/hooks/useRoomAdmin.ts'
import { useRoomRights, useRoomSettings } from '../../chat/hooks/useRoomRights.ts'
import { DialogTitleBar } from '../DialogTitleBar.tsx'
import { useModalDialog } from '../useModalDialog.ts'
import { InviteSetting } from './InviteSetting.tsx'
import { ModerationRecord } from './ModerationRecord.tsx'
import { OperatorSetting } from './OperatorSetting.tsx'
import { PeopleSetting } from './PeopleSetting.tsx'
import { SlowModeSetting } from './SlowModeSetting.tsx'
import { TopicSetting } from './TopicSetting.tsx'

interface RoomSettingsDialogProps {
  room: string
  onClose(): void
}

/**
 * A room's settings, in a modal dialog (most of the screen on a phone): its topic, slow
 * mode, owner and moderators, invite link and moderation record. Everyone reads them;
 * owners, moderators and the operator change what their rights allow (the server checks
 * again). Anyone may act as the operator with its token. Escape or Close leaves, and the
 * focus goes back to the button that opened it.
 */
export default function RoomSettingsDialog({ room, onClose }: RoomSettingsDialogProps) {
  const id = useId()
  const dialogRef = useModalDialog(onClose)
  const settings = useRoomSettings(room)
  const rights = useRoomRights(room)
  const admin = useRoomAdmin(room)
  const settingsSeq = useChatSelector((state) => state.roomSettings[room]?.seq ?? 0)

  return (
    <dialog
      ref={dialogRef}
      aria-labelledby={`${id}-title`}
      className="m-auto max-h-[calc(100dvh-1rem)] w-[min(32rem,calc(100vw-1rem))] overflow-y-auto rounded-2xl border border-line bg-raised p-0 text-ink shadow-2xl backdrop:bg-slate-950/50"
    >
      <DialogTitleBar
        id={`${id}-title`}
        title={`Settings of #${room}`}
        onClose={() => dialogRef.current?.close()}
        className="sticky top-0 z-10 border-b border-line bg-raised px-5 py-3"
      />
      <div className="space-y-4 px-5 py-4">
        {settings === undefined ? (
          <p className="text-sm text-muted">Joining the room…</p>
        ) : (
          <>
            <TopicSetting topic={settings.topic} canEdit={rights.moderate} admin={admin} />
            <SlowModeSetting seconds={settings.slowModeSeconds} canEdit={rights.moderate} admin={admin} />
            <PeopleSetting
              owner={settings.owner}
              moderators={settings.moderators}
              canManage={rights.manage}
              admin={admin}
            />
            {settings.private && rights.moderate && <InviteSetting room={room} admin={admin} />}
            {rights.moderate && <ModerationRecord admin={admin} lastSeq={settingsSeq} />}
          </>
        )}
        <OperatorSetting />
      </div>
    </dialog>
  )
}
