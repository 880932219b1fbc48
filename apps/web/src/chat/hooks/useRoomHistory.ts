import type { HistoryResponse, JoinResponse } from '@parley/events'
import { HISTORY_MAX_PAGE, HISTORY_PAGE_SIZE } from '@parley/events/rules'
import { useCallback, useRef } from 'react'
import { describeError } from '../model/errors.ts'
import { anchorOf, applyJoin, hasOlder, messageAt, oldestSeq, type RoomTimeline } from '../model/timeline.ts'
import type { ChatClient } from '../net/client.ts'
import { type Reached, reachBackTo } from '../net/reach.ts'
import { catchUp } from '../net/sync.ts'
import type { ChatStore } from '../store.ts'

const OLDER_TIMEOUT_MS = 10_000

/**
 * Fills a room's timeline from `history`: forwards after a rejoin (what was missed while
 * away), backwards when the reader scrolls to the top or jumps to a message not held.
 */
export function useRoomHistory(client: ChatClient, { dispatch, getState }: ChatStore) {
  const generations = useRef(new Map<string, number>())
  const loadingOlder = useRef(new Set<string>())

  /**
   * After a rejoin's answer is dispatched: fetches whatever lies between what `held` (the
   * timeline before the rejoin) reaches and the answer's `lastSeq`.
   */
  const resume = useCallback(
    async (room: string, held: RoomTimeline | undefined, answer: JoinResponse) => {
      const generation = (generations.current.get(room) ?? 0) + 1
      generations.current.set(room, generation)
      if (!held) return
      const { catchUpAfter } = applyJoin(held, answer)
      if (catchUpAfter === null) return
      const isStale = () => generations.current.get(room) !== generation || !getState().rooms.includes(room)
      const result = await catchUp(
        client,
        room,
        catchUpAfter,
        (messages, changes, roomChanges) =>
          dispatch({ type: 'history', room, messages, changes, roomChanges, direction: 'newer' }),
        isStale,
        anchorOf(held),
      )
      // The server has nothing after what we held, or other messages where ours were: its
      // storage changed (a power loss, a restored backup). Its join answer is the truth.
      if (result === 'refused' && !isStale()) {
        dispatch({ type: 'reset', room, lastSeq: answer.lastSeq, messages: answer.messages })
      }
    },
    [client, dispatch, getState],
  )

  const loadOlder = useCallback(
    async (room: string) => {
      const timeline = getState().timelines[room]
      const before = timeline ? oldestSeq(timeline) : null
      if (!timeline || before === null || !hasOlder(timeline) || loadingOlder.current.has(room)) return
      loadingOlder.current.add(room)
      dispatch({ type: 'loadingOlder', room })
      try {
        const page = await client.request(
          'history',
          { room, before, limit: HISTORY_PAGE_SIZE },
          { timeout: OLDER_TIMEOUT_MS },
        )
        dispatch({ type: 'history', room, messages: page.messages, direction: 'older' })
      } catch (error) {
        dispatch({ type: 'olderFailed', room, error: describeError(error) })
      } finally {
        loadingOlder.current.delete(room)
      }
    },
    [client, dispatch, getState],
  )

  /**
   * Makes sure the message at `seq` is held: near enough, loading it and every message from
   * it to the oldest held (one unbroken run); further back, or in the gap, the page around
   * it as a window apart from the newer messages. Rejects with the reason in words.
   */
  const reach = useCallback(
    async (room: string, seq: number) => {
      const timeline = getState().timelines[room]
      if (!timeline || messageAt(timeline, seq)) return
      const oldest = oldestSeq(timeline)
      const { gap } = timeline
      const inGap = gap !== null && seq > gap.after && seq < gap.before
      if (oldest === null || (seq > oldest && !inGap)) throw new Error(`#${room} has no message ${seq}.`)
      let reached: Reached
      try {
        reached = await reachBackTo(client, room, seq, inGap ? null : oldest)
      } catch (error) {
        throw new Error(describeError(error))
      }
      if (reached.kind === 'window') dispatch({ type: 'window', room, messages: reached.messages })
      else dispatch({ type: 'history', room, messages: reached.messages, direction: 'around' })
    },
    [client, dispatch, getState],
  )

  /** Loads the next page of the gap between a window far back and the newer messages; rejects with the reason. */
  const loadGap = useCallback(
    async (room: string) => {
      const gap = getState().timelines[room]?.gap
      if (!gap) return
      let page: HistoryResponse
      try {
        page = await client.request(
          'history',
          { room, after: gap.after, limit: HISTORY_MAX_PAGE },
          { timeout: OLDER_TIMEOUT_MS },
        )
      } catch (error) {
        throw new Error(describeError(error))
      }
      const { messages, changes, roomChanges, hasMore } = page
      dispatch({ type: 'gapPage', room, after: gap.after, messages, changes, roomChanges, hasMore })
    },
    [client, dispatch, getState],
  )

  return { resume, loadOlder, reach, loadGap }
}
