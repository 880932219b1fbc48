import type { ChangeAnswer } from '@parley/events'
import { continueLink, sameName } from '@parley/events/rules'
import { renderUnicodeCompact } from 'uqr'
import type { Command } from './commands.ts'
import { HELP } from './help.ts'
import { reasonOf } from './lines.ts'
import { runRoomCommand } from './run-room-command.ts'
import type { RoomSession } from './session.ts'

/** A fresh id for one message or change, so that sending it again counts once. */
const newClientId = () => `cli-${crypto.randomUUID()}`

/** Sends a message (or a reply) and remembers it as this terminal's own. */
async function say(session: RoomSession, text: string, replyTo?: number): Promise<void> {
  const clientId = newClientId()
  try {
    const sent = await session.whileJoined(() =>
      session.client.request('sendMessage', {
        message: text,
        room: session.room,
        clientId,
        ...(replyTo === undefined ? {} : { replyTo }),
      }),
    )
    session.log.sent(sent.seq)
  } catch (error) {
    session.out.problem(`Not sent: ${reasonOf(error)}`)
  }
}

/** Runs one change request; says what happened when nothing changed, or why it was refused. */
async function change(session: RoomSession, unchanged: string, call: () => Promise<ChangeAnswer>): Promise<void> {
  try {
    const answer = await session.whileJoined(call)
    session.log.hold(answer.message)
    if (!answer.changed) session.out.line(unchanged)
  } catch (error) {
    session.out.problem(`Not changed: ${reasonOf(error)}`)
  }
}

/** The message an edit or delete names, or this terminal's last one; undefined (and says so) when there is none. */
function target(session: RoomSession, seq: number | undefined, verb: string): number | undefined {
  const chosen = seq ?? session.log.lastSent()
  if (chosen === undefined) session.out.problem(`Not changed: you have sent no message here to ${verb} yet`)
  return chosen
}

/** Whether this terminal's name has reacted to message `seq` with `emoji`; undefined when the message is not held. */
function hasReacted(session: RoomSession, seq: number, emoji: string): boolean | undefined {
  const message = session.log.message(seq)
  if (!message) return undefined
  const users = message.reactions?.find((reaction) => reaction.emoji === emoji)?.users ?? []
  return users.some((user) => sameName(user, session.username))
}

/** Toggles a reaction: takes it back if this name has it, else adds it. */
async function react(session: RoomSession, seq: number, emoji: string): Promise<void> {
  const { client, room } = session
  const send = (add: boolean) => {
    const clientId = newClientId()
    return session.whileJoined(() => client.request('react', { room, seq, emoji, add, clientId }))
  }
  try {
    const had = hasReacted(session, seq, emoji)
    let answer = await send(had !== true)
    // A message not held here: adding changed nothing, so the name had it; take it back.
    if (had === undefined && !answer.changed) answer = await send(false)
    session.log.hold(answer.message)
  } catch (error) {
    session.out.problem(`Not changed: ${reasonOf(error)}`)
  }
}

/**
 * Prints a one-time link that opens this session in a browser, with its QR code for a
 * phone: its light modules are drawn as blocks, for the dark background of most terminals.
 */
async function continueElsewhere(session: RoomSession): Promise<void> {
  try {
    const { code, expiresAt } = await session.whileJoined(() => session.client.request('handoff', {}))
    const link = continueLink(session.origin, code)
    session.out.line(renderUnicodeCompact(link, { ecc: 'L', border: 2 }))
    session.out.line(`Open ${link} on your phone or in a browser to carry on as ${session.username} there.`)
    session.out.line(`It works once, until ${session.time(expiresAt)}; anyone who has it can use it.`)
  } catch (error) {
    session.out.problem(`No link: ${reasonOf(error)}`)
  }
}

/** Does what one typed line asks, printing refusals in words. */
export async function runCommand(session: RoomSession, command: Command): Promise<void> {
  const { client, out } = session
  switch (command.kind) {
    case 'say':
      return say(session, command.text)
    case 'reply':
      return say(session, command.text, command.seq)
    case 'edit': {
      const seq = target(session, command.seq, 'edit')
      if (seq === undefined) return
      const clientId = newClientId()
      return change(session, `#${seq} already says that`, () =>
        client.request('editMessage', { room: session.room, seq, message: command.text, clientId }),
      )
    }
    case 'delete': {
      const seq = target(session, command.seq, 'delete')
      if (seq === undefined) return
      const clientId = newClientId()
      return change(session, `#${seq} was already deleted`, () =>
        client.request('deleteMessage', { room: session.room, seq, clientId }),
      )
    }
    case 'react':
      return react(session, command.seq, command.emoji)
    case 'operator':
      try {
        await session.becomeOperator(command.token)
        return out.line(
          'You are the operator: /delete #N deletes any message, and the room commands (/help) work in every room',
        )
      } catch (error) {
        return out.problem(`Not the operator: ${reasonOf(error)}`)
      }
    case 'continue':
      return continueElsewhere(session)
    case 'help':
      return out.line(HELP)
    case 'unknown':
      return out.problem(command.problem)
    default:
      return runRoomCommand(session, command)
  }
}
