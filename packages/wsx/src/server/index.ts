export { Connection } from './connection.ts'
export { createElysiaWS } from './create-elysia-ws.ts'
export type { ElysiaSocket, RawSocket } from './socket.ts'
export type { ServerOptions, WsxHandler, WsxServer } from './types.ts'
