/** @module What every route may use: the bindings and the live index the middleware put on the context. */
import type { LiveIndex } from '../store/live-index.ts'

export interface AppEnv {
  Bindings: Env
  Variables: { index: LiveIndex }
}
