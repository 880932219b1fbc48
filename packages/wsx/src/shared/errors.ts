/** Why a wsx call failed. */
export type WsxErrorCode =
  | 'validation' // the payload or response failed its schema
  | 'remote' // the other side answered response_error
  | 'timeout' // no answer in time
  | 'closed' // the connection closed before an answer
  | 'protocol' // a frame that is not wsx

/** The error every wsx promise rejects with. */
export class WsxError extends Error {
  override readonly name = 'WsxError'
  readonly code: WsxErrorCode
  override readonly cause: unknown

  constructor(code: WsxErrorCode, message: string, cause?: unknown) {
    super(message)
    this.code = code
    this.cause = cause
  }
}
