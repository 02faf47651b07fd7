/** @module The widget never throws into its host page: its callbacks run through here, errors logged. */

export const LOG = '[wylb-search]'

/** Runs a callback, logging instead of throwing into the host page. */
export function guarded(fn: () => void): void {
  try {
    fn()
  } catch (err) {
    console.error(`${LOG} unexpected error:`, err)
  }
}

/** Listens for an event, the handler run {@link guarded}. */
export function listen(target: EventTarget, type: string, handler: (e: Event) => void): void {
  target.addEventListener(type, (e) => guarded(() => handler(e)))
}
