/** @module The Worker's entry point. TypeScript users get a typed client with `hc<AppType>(origin)` from `hono/client`. */
import app from './api/app.ts'
import { warmUp, type WarmUpIndex } from './core/engine/warm-up.ts'
import warmUpIndex from './core/engine/warm-up-index.json' with { type: 'json' }

// An isolate runs this at its start, under the startup limit rather than a request's CPU time: the first
// search then runs compiled code, not the interpreter (src/core/engine/warm-up.ts).
await warmUp(warmUpIndex as WarmUpIndex)

export type { AppType } from './api/app.ts'
export default app
