export { createClient } from './create-client.ts'
export type { ClientOptions, CloseInfo, ConnectionStatus, WsxClient } from './types.ts'
