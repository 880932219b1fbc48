// The seed's terminal client, on Parley's packages: `npm run chat -- alice lobby`.
// Each line typed is sent as a message; /edit, /delete, /reply and /react change
// messages, /topic, /mute, /ban and the like run the room (/help lists them). The room
// may be an invite link (`npm run chat -- alice 'https://host/#room=x&invite=…'`), and
// `private` after a room's name creates it private.
import { createInterface } from 'node:readline'
import { events } from '@parley/events'
import { createClient } from '@parley/wsx/client'
import { closeLine } from './close-line.ts'
import { parseCommand } from './commands.ts'
import { followDirectRooms } from './direct-rooms.ts'
import { webOrigin } from './file-lines.ts'
import { parseInviteLink, socketUrlOf } from './invite-link.ts'
import { localTime, reasonOf } from './lines.ts'
import { runCommand } from './run-command.ts'
import { RoomSession } from './session.ts'

const username = process.argv[2] || 'user-123'
const roomArgument = process.argv[3] || 'general'
const link = parseInviteLink(roomArgument)
const room = link?.room ?? roomArgument
// A link names its server; PARLEY_URL still wins.
const url = process.env.PARLEY_URL || (link?.origin ? socketUrlOf(link.origin) : 'ws://localhost:3001/ws')
const entry = {
  ...(link?.invite ? { invite: link.invite } : {}),
  ...(process.argv[4]?.toLowerCase() === 'private' ? { private: true as const } : {}),
}

const client = createClient(url, events)
const session = new RoomSession(
  client,
  username,
  room,
  { line: (text) => console.log(text), problem: (text) => console.error(text) },
  localTime,
  webOrigin(url),
  entry,
)

followDirectRooms(session)

// The server says why it closed the connection (a flood, a ban from the server): print it;
// banned, stop, rather than reconnect to have every join refused.
client.onClose((info) => {
  const said = closeLine(info)
  if (!said) return
  console.error(said.line)
  if (!said.final) return
  client.close()
  process.exit(1)
})

client.connect()

let reading = false
client.onOpen(async () => {
  // Join the room (again, after a reconnect, with the session's token)
  try {
    await session.join()
  } catch (error) {
    console.error(`Could not join: ${reasonOf(error)}`)
    process.exit(1)
  }
  if (reading) return
  reading = true
  readCommands()
})

/** Runs each typed line in turn (so `/edit` after a message edits that message); at the end of input, leaves. */
function readCommands(): void {
  let done: Promise<void> = Promise.resolve()
  const lines = createInterface({ input: process.stdin, terminal: false })
  lines.on('line', (typed) => {
    const line = typed.trim()
    if (!line) return
    done = done.then(() => runCommand(session, parseCommand(line)))
  })
  // At the end of input, finish what is being sent, then leave.
  lines.on('close', async () => {
    await done
    client.close()
    process.exit(0)
  })
}
