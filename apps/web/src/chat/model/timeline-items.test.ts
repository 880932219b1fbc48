import { describe, expect, test } from 'bun:test'
import type { ChatMessage } from '@parley/events'
import { ROOM, screenshot, message as storedMessage } from '../../../test/messages.ts'
import { addChange, addOutgoing, confirmOutgoing, dropChange, setChangeStatus, settleChange } from './own-entries.ts'
import type { PendingChange } from './pending-changes.ts'
import { applyChanges, applyJoin, emptyTimeline, type RoomTimeline } from './timeline.ts'
import { type MessageLine, timelineItems } from './timeline-items.ts'

/** A stored message of ours (we are "me" here). */
const message = (seq: number, extra: Partial<ChatMessage> = {}) => storedMessage(seq, { username: 'me', ...extra })

function joined(...messages: ChatMessage[]): RoomTimeline {
  const lastSeq = Math.max(0, ...messages.map((m) => m.rev ?? m.seq))
  return applyJoin(emptyTimeline(), { lastSeq, messages }).timeline
}

let ids = 0
function pending(seq: number, request: Pick<PendingChange, 'kind'> & Record<string, unknown>): PendingChange {
  ids += 1
  return {
    clientId: `change-${ids}-abcdef`,
    room: ROOM,
    seq,
    username: 'me',
    createdAt: 77,
    status: 'pending',
    error: null,
    ...request,
  } as PendingChange
}

function line(timeline: RoomTimeline, seq: number, me: string | null = 'me'): MessageLine {
  const found = timelineItems(timeline, me).find((item) => item.kind === 'message' && item.seq === seq)
  if (found?.kind !== 'message') throw new Error(`no message ${seq}`)
  return found
}

describe('our edits', () => {
  test('show the new text at once, pending; the answer confirms it and the push after changes nothing', () => {
    const edit = pending(1, { kind: 'edit', text: 'fixed' })
    let timeline = addChange(joined(message(1)), edit)
    expect(line(timeline, 1)).toMatchObject({ message: 'fixed', editedAt: 77 })
    expect(line(timeline, 1).changes).toEqual([
      { clientId: edit.clientId, kind: 'edit', emoji: null, add: false, status: 'pending', error: null },
    ])
    const stored = message(1, { message: 'fixed', editedAt: 90, rev: 2 })
    timeline = settleChange(timeline, edit.clientId, { seq: 2, message: stored })
    expect(line(timeline, 1)).toMatchObject({ message: 'fixed', editedAt: 90, changes: [] })
    expect(timeline.syncedThrough).toBe(2)
    const push = { room: ROOM, seq: 2, change: 'edited' as const, username: 'me', timestamp: 90, message: stored }
    expect(applyChanges(timeline, [push])).toBe(timeline)
  })

  test('the push with our clientId confirms it before the answer, which then changes nothing', () => {
    const edit = pending(1, { kind: 'edit', text: 'fixed' })
    const stored = message(1, { message: 'fixed', editedAt: 90, rev: 2 })
    let timeline = addChange(joined(message(1)), edit)
    timeline = applyChanges(timeline, [{ seq: 2, message: stored, clientId: edit.clientId }])
    expect(timeline.changes).toEqual([])
    expect(settleChange(timeline, edit.clientId, { seq: 2, message: stored })).toBe(timeline)
  })

  test('a failed edit keeps its text with the reason; Retry makes it pending, Discard shows the stored text', () => {
    const edit = pending(1, { kind: 'edit', text: 'fixed' })
    let timeline = addChange(joined(message(1)), edit)
    timeline = setChangeStatus(timeline, edit.clientId, 'failed', 'Messages can be edited for 15 minutes after sending')
    expect(line(timeline, 1)).toMatchObject({ message: 'fixed' })
    expect(line(timeline, 1).changes[0]).toMatchObject({
      status: 'failed',
      error: expect.stringContaining('15 minutes'),
    })
    expect(line(setChangeStatus(timeline, edit.clientId, 'pending'), 1).changes[0]?.status).toBe('pending')
    expect(line(dropChange(timeline, edit.clientId), 1)).toMatchObject({
      message: 'msg 1',
      editedAt: null,
      changes: [],
    })
  })

  test('an answer that changed nothing (same text) still settles the change', () => {
    const edit = pending(1, { kind: 'edit', text: 'msg 1' })
    const timeline = settleChange(addChange(joined(message(1)), edit), edit.clientId, { message: message(1) })
    expect(timeline.changes).toEqual([])
    expect(timeline.syncedThrough).toBe(1)
  })
})

describe('our deletions', () => {
  test('show the message deleted at once; a failed one shows it back as it was', () => {
    const base = joined(message(1, { reactions: [{ emoji: '👍', users: ['bob'] }] }))
    const deletion = pending(1, { kind: 'delete' })
    const timeline = addChange(base, deletion)
    expect(line(timeline, 1)).toMatchObject({ deleted: true, message: '', reactions: [] })
    const failed = setChangeStatus(timeline, deletion.clientId, 'failed', 'x')
    expect(line(failed, 1)).toMatchObject({ deleted: false, message: 'msg 1' })
    expect(line(failed, 1).changes[0]).toMatchObject({ kind: 'delete', status: 'failed' })
  })
})

describe('reactions', () => {
  test('show who reacted and whether we did, ours counted at once and taken back at once', () => {
    const base = joined(message(1, { username: 'bob', reactions: [{ emoji: '👍', users: ['bob'] }] }))
    expect(line(base, 1).reactions).toEqual([{ emoji: '👍', users: ['bob'], mine: false }])
    const add = pending(1, { kind: 'react', emoji: '👍', add: true })
    const added = addChange(base, add)
    expect(line(added, 1).reactions).toEqual([{ emoji: '👍', users: ['bob', 'me'], mine: true }])
    const party = addChange(added, pending(1, { kind: 'react', emoji: '🎉', add: true }))
    expect(line(party, 1).reactions.map((r) => [r.emoji, r.users.length])).toEqual([
      ['👍', 2],
      ['🎉', 1],
    ])
    const takenBack = addChange(party, pending(1, { kind: 'react', emoji: '🎉', add: false }))
    expect(line(takenBack, 1).reactions.map((r) => r.emoji)).toEqual(['👍'])
    // Our name compares as names do: "Me" is us.
    expect(line(added, 1, 'ME').reactions[0]?.mine).toBe(true)
  })

  test('a failed reaction does not count, and says so', () => {
    const add = pending(1, { kind: 'react', emoji: '😮', add: true })
    const timeline = setChangeStatus(addChange(joined(message(1)), add), add.clientId, 'failed', 'no')
    expect(line(timeline, 1).reactions).toEqual([])
    expect(line(timeline, 1).changes).toEqual([
      { clientId: add.clientId, kind: 'react', emoji: '😮', add: true, status: 'failed', error: 'no' },
    ])
  })

  test('a reaction change from someone else updates the count without touching ours in flight', () => {
    const add = pending(1, { kind: 'react', emoji: '👍', add: true })
    let timeline = addChange(joined(message(1)), add)
    timeline = applyChanges(timeline, [
      { seq: 2, message: message(1, { reactions: [{ emoji: '👍', users: ['bob'] }], rev: 2 }) },
    ])
    expect(line(timeline, 1).reactions).toEqual([{ emoji: '👍', users: ['bob', 'me'], mine: true }])
  })
})

describe('replies', () => {
  test('quote the message they answer as this tab holds it now, or as the server quoted it', () => {
    const target = message(1, { username: 'bob', message: 'first line\nsecond line' })
    const reply = message(2, { replyTo: { seq: 1, username: 'bob', excerpt: 'stale' } })
    const far = message(3, { replyTo: { seq: 0 + 100, username: 'ann', excerpt: 'long ago' } })
    let timeline = joined(target, reply)
    timeline = applyChanges(timeline, [{ seq: 3, message: message(3) }])
    timeline = { ...timeline, messages: [...timeline.messages, far] }
    expect(line(timeline, 2).replyTo).toEqual({ seq: 1, username: 'bob', excerpt: 'first line' })
    expect(line(timeline, 3).replyTo).toEqual({ seq: 100, username: 'ann', excerpt: 'long ago' })
    const deleted = applyChanges(timeline, [{ seq: 4, message: { ...target, message: '', deleted: true, rev: 4 } }])
    expect(line(deleted, 2).replyTo).toEqual({ seq: 1, username: 'bob', excerpt: '', deleted: true })
  })

  test('our reply shows its quote while pending, and keeps it once stored', () => {
    const target = message(1, { username: 'bob', message: 'question?' })
    let timeline = addOutgoing(joined(target), {
      clientId: 'reply-123456',
      room: ROOM,
      username: 'me',
      message: 'answer',
      createdAt: 5,
      status: 'pending',
      error: null,
      replyTo: 1,
    })
    const quote = { seq: 1, username: 'bob', excerpt: 'question?' }
    expect(timelineItems(timeline).at(-1)).toMatchObject({ status: 'pending', replyTo: quote })
    timeline = confirmOutgoing(timeline, 'reply-123456', { messageId: 'x', timestamp: 6, room: ROOM, seq: 2 }).timeline
    expect(timeline.messages.at(-1)?.replyTo).toEqual(quote)
    expect(line(timeline, 2).replyTo).toEqual(quote)
  })
})

describe('quotes of messages not held', () => {
  test('follow changes to the message they quote, edits and deletion alike', () => {
    const reply = message(60, { replyTo: { seq: 3, username: 'bob', excerpt: 'old words' } })
    let timeline = joined(reply)
    const far = message(3, { username: 'bob', message: 'new words\nmore', editedAt: 61, rev: 61 })
    timeline = applyChanges(timeline, [{ seq: 61, message: far }])
    expect(timeline.messages.map((m) => m.seq)).toEqual([60])
    expect(line(timeline, 60).replyTo).toEqual({ seq: 3, username: 'bob', excerpt: 'new words' })
    timeline = applyChanges(timeline, [{ seq: 62, message: { ...far, message: '', deleted: true, rev: 62 } }])
    expect(line(timeline, 60).replyTo).toEqual({ seq: 3, username: 'bob', excerpt: '', deleted: true })
  })
})

describe('files', () => {
  test('our message shows its files while pending, and keeps them once the server confirms it', () => {
    const outgoing = {
      clientId: 'client-files-1',
      room: ROOM,
      username: 'me',
      message: '',
      createdAt: 5,
      status: 'pending' as const,
      error: null,
      files: [screenshot],
    }
    let timeline = addOutgoing(joined(), outgoing)
    const shown = timelineItems(timeline, 'me').at(-1)
    expect(shown?.kind === 'message' && shown.files).toEqual([screenshot])
    timeline = confirmOutgoing(timeline, outgoing.clientId, {
      messageId: 'x',
      timestamp: 9,
      room: ROOM,
      seq: 1,
    }).timeline
    expect(line(timeline, 1).files).toEqual([screenshot])
    expect(line(timeline, 1).status).toBe('sent')
  })

  test('a stored message shows its files, and none once it is deleted', () => {
    expect(line(joined(message(1, { files: [screenshot] })), 1).files).toEqual([screenshot])
    expect(line(joined(message(1)), 1).files).toEqual([])
    expect(line(joined(message(1, { files: [screenshot], deleted: true, message: '' })), 1).files).toEqual([])
  })
})
