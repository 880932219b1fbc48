import { useChatSelector } from '../context.ts'
import { directPartner } from '../model/direct.ts'

/** What a room is called on screen: the other person's name for a direct conversation, else the room's name. */
export function useRoomTitle(room: string): { title: string; direct: boolean } {
  const partner = useChatSelector((state) => directPartner(state.roomSettings[room]?.settings, state.username))
  return partner === undefined ? { title: room, direct: false } : { title: partner, direct: true }
}
