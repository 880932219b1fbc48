export { reconnectDelay } from './backoff.ts'
export { createClient } from './create-client.ts'
export type { ClientOptions, CloseInfo, ConnectionStatus, RequestOptions, WsxClient } from './types.ts'
