import type { ModerateRequest, RoomChange, RoomChangeAnswer } from '@parley/events'
import { useMemo } from 'react'
import { useChatClient, useChatStore } from '../context.ts'
import { newClientId } from '../model/client-id.ts'
import { describeError } from '../model/errors.ts'

const ADMIN_TIMEOUT_MS = 10_000

/** A moderation action on a person, without the room and the client id the hook adds. */
export type Moderation = Omit<ModerateRequest, 'room' | 'clientId'>

/** A page of a room's moderation record, newest first. */
export interface ModerationPage {
  entries: RoomChange[]
  hasMore: boolean
}

/**
 * The requests that run a room: its topic, slow mode, owner, moderators, invite link and
 * moderation. Each rejects with the server's refusal in words; an answer's settings are
 * taken at once (the `roomChanged` push brings the line in the conversation).
 */
export function useRoomAdmin(room: string) {
  const client = useChatClient()
  const { dispatch } = useChatStore()
  return useMemo(() => {
    async function ask<T>(send: () => Promise<T>): Promise<T> {
      try {
        return await send()
      } catch (error) {
        throw new Error(describeError(error))
      }
    }
    async function change(send: (clientId: string) => Promise<RoomChangeAnswer>): Promise<boolean> {
      const answer = await ask(() => send(newClientId()))
      if (answer.seq !== undefined) {
        dispatch({ type: 'settings', room: answer.room, settings: answer.settings, seq: answer.seq })
      }
      return answer.changed
    }
    const timeout = { timeout: ADMIN_TIMEOUT_MS }
    return {
      setTopic: (topic: string) => change((clientId) => client.request('setTopic', { room, topic, clientId }, timeout)),
      setSlowMode: (seconds: number) =>
        change((clientId) => client.request('setSlowMode', { room, seconds, clientId }, timeout)),
      setOwner: (username: string) =>
        change((clientId) => client.request('setOwner', { room, username, clientId }, timeout)),
      setModerator: (username: string, add: boolean) =>
        change((clientId) => client.request('setModerator', { room, username, add, clientId }, timeout)),
      moderate: (action: Moderation) =>
        change((clientId) => client.request('moderate', { ...action, room, clientId }, timeout)),
      /** The room's invite token; `rotate` replaces it (the old link stops admitting anyone new). */
      invite: async (rotate = false) => {
        const request = rotate ? { room, rotate, clientId: newClientId() } : { room }
        const answer = await ask(() => client.request('roomInvite', request, timeout))
        return answer.invite
      },
      moderationLog: (before?: number): Promise<ModerationPage> =>
        ask(() => client.request('moderationLog', before === undefined ? { room } : { room, before }, timeout)),
    }
  }, [client, dispatch, room])
}
