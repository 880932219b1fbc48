import { WsxError } from '@parley/wsx/shared'

/** Puts anything a request rejected with into words a person can act on. */
export function describeError(error: unknown): string {
  if (error instanceof WsxError) {
    switch (error.code) {
      case 'timeout':
        return 'The server did not answer in time. Please try again.'
      case 'closed':
        return 'The connection dropped before the server answered. Please try again.'
      case 'protocol':
        return 'The server sent something unexpected. Please try again.'
      default:
        return error.message || 'The server refused the request.'
    }
  }
  if (error instanceof Error && error.message) return error.message
  return 'Something went wrong. Please try again.'
}

/** True when the failure is the connection's, not the request's: worth trying again later. */
export function isTransient(error: unknown): boolean {
  return error instanceof WsxError && (error.code === 'closed' || error.code === 'timeout')
}
