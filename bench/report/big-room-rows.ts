// The big room's rows of the summary: settling, one message to all, and what the joins cost.
import type { BigRoomFigure } from '../phases/big-room.ts'
import { int, ms, verdict } from './format.ts'
import { blank, type Row } from './row.ts'

const MAX_BIG_ROOM_SETTLE_SECONDS = 15
const MAX_BIG_ROOM_MESSAGE_P99_MS = 100
/** A join's bytes to each member: one push to each other member and one name in the joiner's list, not a list each. */
const MAX_BIG_ROOM_BYTES_PER_JOIN_PER_MEMBER = 100

/** The big room: settling, one message to all, and what the joins cost. Parley only. */
export function bigRoomRows(room: BigRoomFigure | undefined): Row[] {
  const perMember = room ? room.bytesPerJoin / room.members : undefined
  return [
    {
      ...blank,
      figure: `room of ${int(room?.members)}, joined over ${room?.joinSeconds ?? '–'} s: s until every list is right`,
      parley: room ? `${ms(room.settleSeconds)} (${int(room.correct)} right)` : '–',
      target: `≤ ${MAX_BIG_ROOM_SETTLE_SECONDS} s`,
      result: verdict(room ? room.settleSeconds <= MAX_BIG_ROOM_SETTLE_SECONDS : undefined),
    },
    {
      ...blank,
      figure: `  one message to all: p50 / p99 ms (${int(room?.delivered)} reached)`,
      parley: room ? `${ms(room.p50Ms)} / ${ms(room.p99Ms)}` : '–',
      target: `p99 ≤ ${MAX_BIG_ROOM_MESSAGE_P99_MS} ms`,
      result: verdict(room ? room.delivered === room.members && room.p99Ms <= MAX_BIG_ROOM_MESSAGE_P99_MS : undefined),
    },
    {
      ...blank,
      figure: '  bytes per join: to all, in its answer, per member',
      parley: room ? `${int(room.bytesPerJoin)}, ${int(room.answerBytesPerJoin)}, ${ms(perMember)}` : '–',
      target: `≤ ${MAX_BIG_ROOM_BYTES_PER_JOIN_PER_MEMBER} per member`,
      result: verdict(perMember === undefined ? undefined : perMember <= MAX_BIG_ROOM_BYTES_PER_JOIN_PER_MEMBER),
    },
    { ...blank, figure: '  server CPU s for the joins', parley: ms(room?.serverCpuSeconds) },
  ]
}
