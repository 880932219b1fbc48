import { join } from 'node:path'
import { events } from '@parley/events'
import { sameName } from '@parley/events/rules'
import { createElysiaWS } from '@parley/wsx/server'
import { CloseCode } from '@parley/wsx/shared'
import { Elysia } from 'elysia'
import { registerChatHandlers } from './chat/chat-handlers.ts'
import type { AppConfig } from './config.ts'
import { connectionData } from './connections/connection-data.ts'
import { type SessionHandler, SocketSession } from './connections/socket-session.ts'
import { TokenBucket } from './connections/token-bucket.ts'
import { AddressCounts, checkUpgrade } from './connections/upgrade-guard.ts'
import { redisRoomBus } from './delivery/redis-room-bus.ts'
import { localRoomBus } from './delivery/room-bus.ts'
import { RoomTopics } from './delivery/room-topics.ts'
import { downloadRoute } from './files/download-route.ts'
import { defaultFileLimits } from './files/file-limits.ts'
import { MessageFiles } from './files/message-files.ts'
import { openFileStore } from './files/open-file-store.ts'
import { type SessionCheck, uploadRoute } from './files/upload-route.ts'
import { defaultHandoffLimits } from './handoff/handoff-limits.ts'
import { handoffRoute } from './handoff/handoff-route.ts'
import { Handoffs } from './handoff/handoffs.ts'
import { openHandoffStore } from './handoff/open-handoff-store.ts'
import { defaultLimits } from './limits.ts'
import { eventsDocumentText } from './ops/events-schema.ts'
import { silentLogger } from './ops/logger.ts'
import { Metrics } from './ops/metrics.ts'
import { opsRoutes } from './ops/ops-routes.ts'
import { NameClaims } from './presence/name-claims.ts'
import { localPresence } from './presence/presence.ts'
import { redisPresence } from './presence/redis-presence.ts'
import { RoomRegistry } from './presence/room-registry.ts'
import { openStore } from './storage/open-store.ts'
import { webApp } from './web-app.ts'

/** How long clients get to finish the close handshake before their sockets are dropped. */
const CLOSE_GRACE_MS = 5_000

/** How often uploads that no message sent are looked for and removed. */
const SWEEP_EVERY_MS = 60 * 60 * 1000

/** Builds Parley's server: `/api/*`, the chat on `/ws` with its history, and the web app when one is given. */
export async function createApp(config: AppConfig) {
  const log = config.logger ?? silentLogger
  const limits = { ...defaultLimits, ...config.limits }
  const store = await openStore(config.storage)
  const fileLimits = { ...defaultFileLimits, ...config.fileLimits }
  const filesDir = config.filesDir ?? join(config.storage.dataDir, 'files')
  const fileStore = await openFileStore(config.storage, filesDir)
  const messageFiles = new MessageFiles(fileStore, fileLimits.maxFilesPerMessage, log)
  const sweepFiles = () =>
    fileStore.sweep(Date.now() - fileLimits.unsentMs).then(
      (removed) => removed > 0 && log.info('unsent-files-removed', { removed }),
      (error: unknown) =>
        log.warn('file-sweep-failed', { error: error instanceof Error ? error.message : String(error) }),
    )
  void sweepFiles()
  const sweeper = setInterval(sweepFiles, SWEEP_EVERY_MS)
  const handoffLimits = { ...defaultHandoffLimits, ...config.handoff }
  const handoffs = new Handoffs(await openHandoffStore(config.storage), handoffLimits, log)
  const registry = new RoomRegistry()
  const { server, handler } = createElysiaWS(events, {
    data: connectionData(limits),
    debug: config.debug,
    validateResponses: config.checkResponses ?? true,
    onProblem: (problem) => {
      metrics.countError(problem.kind)
      const fields = { kind: problem.kind, request: problem.event, connectionId: problem.connectionId }
      if (problem.kind === 'invalid-response') log.error('request-failed', fields)
      else if (problem.kind === 'handler-error') log.debug('request-refused', fields)
      else log.warn('frame-refused', fields)
    },
  })
  const metrics = new Metrics({
    connections: () => server.connections.size,
    sendBufferBytes: () => {
      let bytes = 0
      for (const conn of server.connections.values()) bytes += conn.raw.getBufferedAmount?.() ?? 0
      return bytes
    },
    rooms: () => registry.roomCount,
  })
  const countDelivery = (room: string, event: string, excluded: boolean) =>
    metrics.delivered(event, registry.connectionCount(room) - (excluded ? 1 : 0))
  const instanceId = crypto.randomUUID()
  const topics = new RoomTopics(server)
  const presence = config.redisUrl
    ? await redisPresence({ url: config.redisUrl, topics, registry, log, instanceId })
    : localPresence(registry)
  const bus = config.redisUrl
    ? await redisRoomBus({
        url: config.redisUrl,
        topics,
        store,
        log,
        instanceId,
        onPresence: presence.heard,
        onDelivered: countDelivery,
      })
    : localRoomBus(topics, countDelivery)
  const names = new NameClaims()
  const chat = registerChatHandlers({
    server,
    topics,
    bus,
    presence,
    registry,
    names,
    store,
    limits,
    log,
    metrics,
    files: messageFiles,
    uploadLimits: { maxBytes: fileLimits.maxBytes, maxFiles: fileLimits.maxFilesPerMessage },
    adminToken: config.adminToken,
    handoffs,
  })
  const sessionIn: SessionCheck = async (room, username, token) =>
    (names.holds(username, token) && [...registry.names(room)].some((name) => sameName(name, username))) ||
    presence.holdsIn(room, username, token)
  const addresses = new AddressCounts()
  server.onOpen((conn) => {
    addresses.add(conn.remoteAddress)
    log.debug('connection-open', { connectionId: conn.id })
  })
  server.onClose((conn, code) => {
    addresses.remove(conn.remoteAddress)
    log.debug('connection-closed', { connectionId: conn.id, code })
  })

  // Any frame beyond ten times the message rate is a flood, whatever it carries.
  const guardedHandler: SessionHandler = {
    ...handler,
    message(session, frame) {
      if (!session.frames.take()) {
        metrics.countError('flood')
        log.warn('flood', { connectionId: session.id })
        return session.raw.close(CloseCode.policyViolation, 'Flooding: too many frames')
      }
      handler.message(session, frame)
    },
  }
  const frameBucket = () => new TokenBucket(limits.messageRate * 10, limits.messageBurst * 10)
  const startedAt = Date.now()
  /** Set first thing by `shutdown`: from then on liveness and readiness answer 503. */
  let draining = false

  const app = new Elysia({
    websocket: {
      maxPayloadLength: limits.maxFrameBytes,
      idleTimeout: limits.idleTimeoutSeconds,
      sendPings: true,
      backpressureLimit: limits.backpressureBytes,
      closeOnBackpressureLimit: true,
    },
    // An upload's bytes are read as they arrive; Bun refuses bodies beyond this before they do.
    serve: { maxRequestBodySize: fileLimits.maxBytes + 64 * 1024 },
  })
    .onRequest(({ request, server: bun }) => {
      if (new URL(request.url).pathname !== '/ws') return
      const refusal = checkUpgrade(request, bun?.requestIP(request)?.address, limits, addresses)
      if (refusal) log.warn('upgrade-refused', { status: refusal.status })
      return refusal
    })
    .use(
      opsRoutes({
        readiness: {
          store,
          bus,
          connections: () => server.connections.size,
          draining: () => draining,
          startedAt,
        },
        metrics,
        metricsToken: config.metricsToken,
        eventsSchema: config.eventsSchema ?? eventsDocumentText(),
      }),
    )
    .use(
      await uploadRoute({
        store: fileStore,
        limits: fileLimits,
        workDir: join(filesDir, '.uploads'),
        sessionIn,
        log,
      }),
    )
    .use(downloadRoute(fileStore))
    .use(handoffRoute({ handoffs, limits: handoffLimits, log }))
    // GET too: a GET route wins over an ALL route, and the web app answers GET /*.
    .get('/api/*', ({ status }) => status(404, { error: 'Not found' }))
    .all('/api/*', ({ status }) => status(404, { error: 'Not found' }))
    .get('/ws', ({ request, server: bun, status }) => {
      if (bun?.upgrade(request, { data: new SocketSession(guardedHandler, frameBucket()) })) return
      return status(400, 'Expected a WebSocket upgrade')
    })
  const served = config.webDist ? app.use(await webApp(config.webDist)) : app

  /**
   * Stops gracefully: marks the server draining (liveness and readiness answer 503), tells
   * every client to come back later (1012), stops listening, and commits the writes in
   * flight before closing storage.
   */
  async function shutdown(): Promise<void> {
    draining = true
    // Messages taken before this point are stored and answered before their sockets close; later ones are refused.
    await chat.drain()
    for (const conn of server.connections.values()) conn.close(CloseCode.serviceRestart, 'Server restarting')
    const closed = served.stop()
    const late = setTimeout(() => served.stop(true), CLOSE_GRACE_MS)
    await closed
    clearTimeout(late)
    chat.stop()
    clearInterval(sweeper)
    await bus.close()
    await presence.close()
    await handoffs.close()
    await store.close()
    await fileStore.close()
  }

  return Object.assign(served, { shutdown })
}
