const CLIENT_ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-'

/** A fresh id for a message we send, so a resend is stored once (8–64 of [A-Za-z0-9_-]). */
export function newClientId(): string {
  // randomUUID exists only in secure contexts (https, localhost); a page served over plain http elsewhere has none.
  return globalThis.crypto?.randomUUID?.() ?? randomClientId()
}

/** 22 characters of the client-id alphabet (132 random bits), from `crypto.getRandomValues` when there is one. */
export function randomClientId(
  fill: (bytes: Uint8Array) => Uint8Array = (bytes) =>
    globalThis.crypto?.getRandomValues
      ? globalThis.crypto.getRandomValues(bytes)
      : bytes.map(() => Math.random() * 256),
): string {
  let id = ''
  for (const byte of fill(new Uint8Array(22))) id += CLIENT_ID_ALPHABET[byte % CLIENT_ID_ALPHABET.length]
  return id
}
