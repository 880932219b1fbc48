import { z } from 'zod'
import serverPackage from '../../package.json' with { type: 'json' }

/** Parley's version, from the server's package.json: read once, and inlined into the bundle by `bun build`. */
export const version: string = z.object({ version: z.string().min(1) }).parse(serverPackage).version
