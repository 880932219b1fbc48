/** The WebSocket close codes (RFC 6455) wsx and its applications use. */
export const CloseCode = {
  normal: 1000,
  goingAway: 1001,
  /** The frame was not CBOR or JSON, or not a wsx message. */
  invalidFrame: 1007,
  /** The client broke the server's policy: flooding, say. */
  policyViolation: 1008,
  /** The frame was larger than the server accepts. */
  messageTooBig: 1009,
  /** The server is restarting: come back in a moment. */
  serviceRestart: 1012,
} as const
