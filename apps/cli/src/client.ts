// The seed's terminal client, on Parley's packages: `npm run chat -- alice lobby`.
import { events } from '@parley/events'
import { createClient } from '@parley/wsx/client'

const username = process.argv[2] || 'user-123'
const room = process.argv[3] || 'general'
const url = process.env.PARLEY_URL || 'ws://localhost:3001/ws'

const client = createClient(url, events)

// Listen for chat messages
client.on('message', (msg) => {
  console.log(`[${new Date(msg.timestamp).toLocaleTimeString()}] ${msg.username}: ${msg.message}`)
})

// Listen for user join/leave
client.on('userJoined', (data) => {
  console.log(`>>> ${data.username} joined the room`)
})

client.on('userLeft', (data) => {
  console.log(`<<< ${data.username} left the room`)
})

client.connect()

const sending = new Set<Promise<void>>()
let reading = false
client.onOpen(async () => {
  // Join the room (again, after a reconnect)
  try {
    const result = await client.request('join', { username, room })
    console.log(result.message)
    console.log('Users in room:', result.users.join(', '))
  } catch (error) {
    console.error(`Could not join: ${error instanceof Error ? error.message : String(error)}`)
    process.exit(1)
  }
  if (reading) return
  reading = true

  // Read from stdin and send messages
  process.stdin.on('data', async (chunk) => {
    const message = chunk.toString().trim()
    if (!message) return
    const sent = client.request('sendMessage', { message }).then(
      () => undefined,
      (error: unknown) => console.error(`Not sent: ${error instanceof Error ? error.message : String(error)}`),
    )
    sending.add(sent)
    await sent
    sending.delete(sent)
  })
  // At the end of input, finish what is being sent, then leave.
  process.stdin.on('end', async () => {
    await Promise.all(sending)
    client.close()
    process.exit(0)
  })
})
