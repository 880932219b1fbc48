import { Elysia } from 'elysia'
import type { Metrics } from './metrics.ts'
import { mayReadMetrics } from './metrics-access.ts'
import { checkReadiness, type ReadinessSources } from './readiness.ts'

export interface OpsRoutesOptions {
  readiness: ReadinessSources
  metrics: Metrics
  /** When set, `/api/metrics` wants `Authorization: Bearer <token>`. */
  metricsToken?: string
  /** The text of `/api/events.schema.json`. */
  eventsSchema: string
}

/**
 * The operator's endpoints: `/api/livez` (is the process serving?), `/api/readyz` and its
 * alias `/api/health` (should clients be sent here?), `/api/metrics` and the events' JSON Schema.
 */
export function opsRoutes({ readiness, metrics, metricsToken, eventsSchema }: OpsRoutesOptions) {
  return (
    new Elysia({ name: 'parley-ops' })
      .get('/api/livez', ({ status }) => {
        const uptimeSeconds = Math.round((Date.now() - readiness.startedAt) / 1000)
        return readiness.draining()
          ? status(503, { status: 'stopping', uptimeSeconds })
          : status(200, { status: 'ok', uptimeSeconds })
      })
      .get('/api/readyz', async ({ status }) => {
        const answer = await checkReadiness(readiness)
        return status(answer.status, answer.body)
      })
      // The name Parley's first releases and their load balancers used.
      .get('/api/health', async ({ status }) => {
        const answer = await checkReadiness(readiness)
        return status(answer.status, answer.body)
      })
      .get('/api/metrics', ({ request, set, status }) => {
        if (!mayReadMetrics(request.headers.get('authorization'), metricsToken)) {
          set.headers['www-authenticate'] = 'Bearer realm="parley-metrics"'
          return status(401, { error: 'Metrics need Authorization: Bearer <METRICS_TOKEN>' })
        }
        set.headers['content-type'] = 'text/plain; version=0.0.4; charset=utf-8'
        return metrics.render()
      })
      .get('/api/events.schema.json', ({ set }) => {
        set.headers['content-type'] = 'application/json; charset=utf-8'
        return eventsSchema
      })
  )
}
