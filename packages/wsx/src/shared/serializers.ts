// The subpath entries are cbor-x in pure JS. The root entry loads the optional native
// cbor-extract when it is installed, and that addon crashes Bun 1.4 on long strings.
import { Decoder } from 'cbor-x/decode'
import { Encoder } from 'cbor-x/encode'
import type { WireMessage } from './protocol.ts'

export type Encoding = 'cbor' | 'json'

/** Encodes envelopes for the wire and decodes frames back to untrusted values. */
interface Serializer {
  readonly encoding: Encoding
  encode(message: WireMessage): Uint8Array | string
  decode(frame: Uint8Array | string): unknown
}

// Encoder with default options: cbor-x's record extension on, as @mdrv/wsx peers expect.
const cborEncoder = new Encoder()
// Objects, not Maps, for plain CBOR maps; records are understood either way.
const cborDecoder = new Decoder({ mapsAsObjects: true })
const utf8 = new TextDecoder('utf-8', { fatal: true })
const textEncoder = new TextEncoder()

export const cborSerializer: Serializer = {
  encoding: 'cbor',
  encode: (message) => cborEncoder.encode(message),
  decode: (frame) => {
    if (typeof frame === 'string') throw new TypeError('CBOR arrives in binary frames')
    return cborDecoder.decode(frame)
  },
}

/** JSON text in a binary frame, as @mdrv/wsx's JSON serializer sends it. */
export const jsonSerializer: Serializer = {
  encoding: 'json',
  encode: (message) => textEncoder.encode(JSON.stringify(message)),
  decode: (frame) => JSON.parse(typeof frame === 'string' ? frame : utf8.decode(frame)),
}

export const serializers: Record<Encoding, Serializer> = { cbor: cborSerializer, json: jsonSerializer }

const OPEN_BRACE = 0x7b

/** Which encoding a frame is in: text frames and binary frames starting with `{` are JSON. */
export function encodingOf(frame: Uint8Array | string): Encoding {
  return typeof frame === 'string' || frame[0] === OPEN_BRACE ? 'json' : 'cbor'
}

/** Normalises what a WebSocket hands over into bytes or text. */
export function toFrame(data: ArrayBuffer | ArrayBufferView | string): Uint8Array | string {
  if (typeof data === 'string') return data
  if (data instanceof Uint8Array) return data
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength)
  return new Uint8Array(data)
}
