// A process that sends only invalid frames, on its own connections, reconnecting whenever
// the server closes one. Usage: bun bad-input-client.ts <ws url> <seconds> <frames/s> <connections>
// Prints `ready` once connected, then one JSON line with what happened, and exits.

const [url = '', secondsArg = '3', rateArg = '500', connectionsArg = '10'] = process.argv.slice(2)
const seconds = Number(secondsArg)
const framesPerSecond = Number(rateArg)
const connectionCount = Number(connectionsArg)
const OVERSIZED_BYTES = 70_000

let badId = 0
const request = (x: string, p: unknown, v = '1.0') => JSON.stringify({ v, t: 'request', x, id: `bad${++badId}`, p })

/** The mix, by weight: what each kind of frame is, and whether the server should close for it. */
const kinds: { name: string; weight: number; frame: () => string | Uint8Array }[] = [
  { name: 'garbage bytes', weight: 3, frame: garbage },
  { name: 'JSON that is not an envelope', weight: 2, frame: () => JSON.stringify({ hello: 'world', n: badId++ }) },
  { name: 'text that is not JSON', weight: 1, frame: () => 'hello there, server' },
  { name: 'request without an id', weight: 1, frame: () => JSON.stringify({ v: '1.0', t: 'request', x: 'join' }) },
  { name: 'unknown event', weight: 4, frame: () => request('nope', { a: 1 }) },
  { name: 'unknown one-way event', weight: 2, frame: () => JSON.stringify({ v: '1.0', t: 'send', x: 'nope', p: {} }) },
  { name: 'bad join payload', weight: 3, frame: () => request('join', { username: '', room: 7 }) },
  { name: 'bad sendMessage payload', weight: 3, frame: () => request('sendMessage', { message: 5 }) },
  { name: 'send before join', weight: 2, frame: () => request('sendMessage', { message: 'hi', room: 'nowhere' }) },
  { name: 'history both ways', weight: 1, frame: () => request('history', { room: 'x', before: 3, after: 1 }) },
  { name: 'other protocol major', weight: 1, frame: () => request('join', { username: 'x' }, '2.0') },
  { name: 'oversized frame', weight: 1, frame: () => 'x'.repeat(OVERSIZED_BYTES) },
]
const totalWeight = kinds.reduce((sum, kind) => sum + kind.weight, 0)

function garbage(): Uint8Array {
  const bytes = crypto.getRandomValues(new Uint8Array(8 + Math.floor(Math.random() * 56)))
  // Not `{`, which would make it JSON; 0xff is a CBOR "break" where no item may start.
  bytes[0] = 0xff
  return bytes
}

function pick() {
  let roll = Math.random() * totalWeight
  for (const kind of kinds) {
    roll -= kind.weight
    if (roll < 0) return kind
  }
  return kinds[0] as (typeof kinds)[number]
}

const stats = {
  sent: {} as Record<string, number>,
  closes: {} as Record<string, number>,
  errorResponses: 0,
  otherFrames: 0,
  connects: 0,
  connectFailures: 0,
}

let stopping = false
const sockets: (WebSocket | undefined)[] = Array.from({ length: connectionCount }, () => undefined)

function connect(slot: number): Promise<void> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url)
    ws.binaryType = 'nodebuffer'
    ws.onopen = () => {
      stats.connects++
      sockets[slot] = ws
      resolve()
    }
    ws.onmessage = (event) => {
      const text = String(event.data)
      if (text.includes('"t":"response_error"')) stats.errorResponses++
      else stats.otherFrames++
    }
    ws.onclose = (event) => {
      if (sockets[slot] === ws) sockets[slot] = undefined
      else stats.connectFailures++
      stats.closes[event.code] = (stats.closes[event.code] ?? 0) + 1
      resolve()
      if (!stopping) setTimeout(() => void connect(slot), 5)
    }
  })
}

await Promise.all(sockets.map((_, slot) => connect(slot)))
console.log('ready')

const started = performance.now()
let sent = 0
const timer = setInterval(() => {
  const due = Math.floor((framesPerSecond * (performance.now() - started)) / 1000)
  for (; sent < due; sent++) {
    const ws = sockets[sent % connectionCount]
    if (!ws || ws.readyState !== WebSocket.OPEN) continue
    const kind = pick()
    stats.sent[kind.name] = (stats.sent[kind.name] ?? 0) + 1
    ws.send(kind.frame())
  }
}, 2)

setTimeout(() => {
  stopping = true
  clearInterval(timer)
  for (const ws of sockets) ws?.close(1000)
  console.log(JSON.stringify(stats))
  process.exit(0)
}, seconds * 1000)
