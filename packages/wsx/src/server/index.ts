export { Connection } from './connection.ts'
export { createElysiaWS } from './create-elysia-ws.ts'
export type {
  ElysiaSocket,
  RawSocket,
  RequestHandler,
  SendHandler,
  ServerOptions,
  WsxHandler,
  WsxServer,
} from './types.ts'
