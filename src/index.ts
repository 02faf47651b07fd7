/** @module The Worker's entry point. TypeScript users get a typed client with `hc<AppType>(origin)` from `hono/client`. */
import app from './api/app.ts'

export type { AppType } from './api/app.ts'
export default app
