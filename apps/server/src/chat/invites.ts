/** A private room's invite token: 128 random bits, base64url. */
export function newInvite(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString('base64url')
}
