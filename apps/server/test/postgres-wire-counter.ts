import type { Socket } from 'bun'

/**
 * What the connections through a counter asked PostgreSQL to run, read off the wire protocol.
 * Bun's client prepares each statement text once per connection (a round trip of its own,
 * the first time): preparing is left out of both counts.
 */
export interface WireCounts {
  /** Simple queries, and extended-protocol Syncs after an Execute: each one a statement the server ran and answered. */
  statements: number
  /** Times a client sent a statement with nothing outstanding: each one a wait for the server, however many it pipelined. */
  roundTrips: number
}

export interface PostgresWireCounter extends AsyncDisposable {
  /** The database URL, with this relay as its host. */
  readonly url: string
  /** The counts since the last reset. */
  counts(): WireCounts
  reset(): void
}

/** Bytes a socket has not taken yet: written in order as it drains. */
type Backlog = Uint8Array[]

/** Writes `data` after whatever `backlog` still holds for the socket. */
function write(socket: Socket<unknown>, backlog: Backlog, data: Uint8Array): void {
  backlog.push(new Uint8Array(data))
  flush(socket, backlog)
}

function flush(socket: Socket<unknown>, backlog: Backlog): void {
  while (backlog.length > 0) {
    const chunk = backlog[0] as Uint8Array
    const written = socket.write(chunk)
    if (written < chunk.length) {
      backlog[0] = chunk.subarray(Math.max(0, written))
      return
    }
    backlog.shift()
  }
}

interface Relay {
  upstream?: Socket<undefined>
  /** Bytes for the server before its connection is open, or while it is slow to take them. */
  toServer: Backlog
  toClient: Backlog
  /** Bytes of the client's stream not yet parsed into whole messages. */
  fromClient: Buffer
  fromServer: Buffer
  startedUp: boolean
  /** Statements sent that the server has not yet answered with ReadyForQuery. */
  outstanding: number
  /** An Execute was sent since the last Sync. */
  executing: boolean
}

const READY_FOR_QUERY = 0x5a // 'Z'
const QUERY = 0x51 // 'Q'
const SYNC = 0x53 // 'S'
const EXECUTE = 0x45 // 'E'

/**
 * A TCP relay in front of a real PostgreSQL (no SSL) that counts the statements and round
 * trips of the connections made through it, from the protocol's own messages: what the
 * database was really asked, not what a client meant to ask.
 */
export async function postgresWireCounter(databaseUrl: string): Promise<PostgresWireCounter> {
  const target = new URL(databaseUrl)
  const counts: WireCounts = { statements: 0, roundTrips: 0 }
  const relays = new Set<Socket<Relay>>()

  /** Whole messages at the front of `buffer` (type byte and length), each handed to `each`; the rest is kept. */
  const eachMessage = (buffer: Buffer, each: (type: number) => void): Buffer => {
    let at = 0
    while (buffer.length - at >= 5) {
      const end = at + 1 + buffer.readInt32BE(at + 1)
      if (end > buffer.length) break
      each(buffer[at] as number)
      at = end
    }
    return buffer.subarray(at)
  }

  const fromClient = (relay: Relay, data: Uint8Array) => {
    relay.fromClient = Buffer.concat([relay.fromClient, data])
    if (!relay.startedUp) {
      // The startup message has no type byte; its answer ends with a ReadyForQuery.
      if (relay.fromClient.length < 4) return
      const length = relay.fromClient.readInt32BE(0)
      if (relay.fromClient.length < length) return
      relay.fromClient = relay.fromClient.subarray(length)
      relay.startedUp = true
      relay.outstanding = 1
    }
    relay.fromClient = eachMessage(relay.fromClient, (type) => {
      if (type === EXECUTE) relay.executing = true
      if (type !== QUERY && type !== SYNC) return
      // A Sync after only Parse and Describe prepares a statement: once per connection and text.
      if (type === QUERY || relay.executing) {
        counts.statements += 1
        if (relay.outstanding === 0) counts.roundTrips += 1
      }
      relay.executing = false
      relay.outstanding += 1
    })
  }

  const fromServer = (relay: Relay, data: Uint8Array) => {
    relay.fromServer = eachMessage(Buffer.concat([relay.fromServer, data]), (type) => {
      if (type === READY_FOR_QUERY) relay.outstanding = Math.max(0, relay.outstanding - 1)
    })
  }

  const listener = Bun.listen<Relay>({
    hostname: '127.0.0.1',
    port: 0,
    socket: {
      async open(client) {
        relays.add(client)
        client.data = {
          toServer: [],
          toClient: [],
          fromClient: Buffer.alloc(0),
          fromServer: Buffer.alloc(0),
          startedUp: false,
          outstanding: 0,
          executing: false,
        }
        const upstream = await Bun.connect({
          hostname: target.hostname,
          port: Number(target.port || 5432),
          socket: {
            data(_, data) {
              fromServer(client.data, data)
              write(client, client.data.toClient, data)
            },
            drain(upstream) {
              flush(upstream, client.data.toServer)
            },
            close() {
              client.end()
            },
          },
        })
        client.data.upstream = upstream
        flush(upstream, client.data.toServer)
      },
      data(client, data) {
        fromClient(client.data, data)
        client.data.toServer.push(new Uint8Array(data))
        if (client.data.upstream) flush(client.data.upstream, client.data.toServer)
      },
      drain(client) {
        flush(client, client.data.toClient)
      },
      close(client) {
        relays.delete(client)
        client.data.upstream?.end()
      },
    },
  })
  const url = new URL(databaseUrl)
  url.hostname = '127.0.0.1'
  url.port = String(listener.port)
  return {
    url: url.toString(),
    counts: () => ({ ...counts }),
    reset() {
      counts.statements = 0
      counts.roundTrips = 0
    },
    async [Symbol.asyncDispose]() {
      for (const relay of relays) relay.end()
      listener.stop(true)
    },
  }
}
