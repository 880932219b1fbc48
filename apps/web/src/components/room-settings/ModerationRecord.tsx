import type { RoomChange } from '@parley/events'
import { useCallback, useEffect, useState } from 'react'
import type { useRoomAdmin } from '../../chat/hooks/useRoomAdmin.ts'
import { describeRoomChange } from '../../chat/model/room-change-text.ts'
import { Time } from '../Time.tsx'
import { Outcome, Section, secondaryButton, useRequestState } from './parts.tsx'

/** The undo a record's entry offers while it still holds: unmute a mute, lift a ban. */
function undoOf(entry: RoomChange, now: number): { label: string; action: 'unmute' | 'unban' } | null {
  if (entry.target === undefined || (entry.until !== undefined && entry.until <= now)) return null
  if (entry.change === 'muted') return { label: `Unmute ${entry.target}`, action: 'unmute' }
  if (entry.change === 'banned') return { label: `Unban ${entry.target}`, action: 'unban' }
  return null
}

/**
 * The room's moderation record, newest first, for its owner, moderators and the operator:
 * who did what to whom and when, with Unmute and Unban on the mutes and bans that hold.
 */
export function ModerationRecord({ admin, lastSeq }: { admin: ReturnType<typeof useRoomAdmin>; lastSeq: number }) {
  const [entries, setEntries] = useState<RoomChange[]>([])
  const [hasMore, setHasMore] = useState(false)
  const [loaded, setLoaded] = useState(false)
  const load = useRequestState()
  const undo = useRequestState()

  const refresh = useCallback(
    () =>
      load.run(async () => {
        const page = await admin.moderationLog()
        setEntries(page.entries)
        setHasMore(page.hasMore)
        setLoaded(true)
        return null
      }),
    [admin, load.run],
  )

  // Again whenever the room's settings move on: an action here or anyone else's.
  useEffect(() => {
    if (lastSeq >= 0) void refresh()
  }, [refresh, lastSeq])

  const older = () =>
    load.run(async () => {
      const page = await admin.moderationLog(entries.at(-1)?.seq)
      setEntries((held) => [...held, ...page.entries.filter((entry) => !held.some((h) => h.seq === entry.seq))])
      setHasMore(page.hasMore)
      return null
    })

  const now = Date.now()
  return (
    <Section title="Moderation record">
      {loaded && entries.length === 0 && <p className="text-sm text-muted">Nothing yet.</p>}
      <ul className="space-y-2">
        {entries.map((entry) => {
          const undoing = undoOf(entry, now)
          const target = entry.target
          return (
            <li key={entry.seq} className="flex flex-wrap items-center gap-x-2 gap-y-1 text-sm">
              <Time timestamp={entry.timestamp} className="text-xs text-muted tabular-nums" />
              <span className="min-w-0 flex-1 break-words text-ink-soft">{describeRoomChange(entry)}</span>
              {undoing && target !== undefined && (
                <button
                  type="button"
                  disabled={undo.pending}
                  onClick={() =>
                    void undo.run(async () => {
                      await admin.moderate({ username: target, action: undoing.action })
                      return undoing.action === 'unmute' ? `${target} can send again.` : `${target} may join again.`
                    })
                  }
                  className={secondaryButton}
                >
                  {undoing.label}
                </button>
              )}
            </li>
          )
        })}
      </ul>
      {hasMore && (
        <button
          type="button"
          disabled={load.pending}
          onClick={() => void older()}
          className={`${secondaryButton} mt-2`}
        >
          Show older
        </button>
      )}
      <Outcome error={load.error ?? undo.error} done={undo.done} />
    </Section>
  )
}
