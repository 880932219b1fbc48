/**
 * What a message keeps of its sender's session: a SHA-256 of the session token, so
 * the right to change it survives the sender's reconnections (the token is reused)
 * while the token itself is never stored.
 */
export function sessionAuthor(token: string): string {
  return new Bun.CryptoHasher('sha256').update(token).digest('base64url')
}
