export { Connection } from './connection.ts'
export { createElysiaWS } from './create-elysia-ws.ts'
export { CLOSE_INVALID_FRAME } from './dispatch.ts'
export type {
  ElysiaSocket,
  RawSocket,
  RequestHandler,
  SendHandler,
  ServerOptions,
  WsxHandler,
  WsxServer,
} from './types.ts'
