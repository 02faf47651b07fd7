/**
 * @module The heap of the Worker's isolate under `wrangler dev --inspector-port P`, sampled over the DevTools
 * protocol (Runtime.getHeapUsage) while load runs. (workerd leaves HeapProfiler.collectGarbage unanswered, so
 * there is no live figure after a forced GC: the figures include garbage.)
 */
import WebSocket from 'ws'

export interface IsolateHeap {
  samples: number
  /** Samples that got no answer (the connection closed, say). */
  lost: number
  /** Highest used heap sampled (MB), garbage included. */
  peakUsedMB: number
  /** Highest heap V8 had reserved (MB). */
  peakTotalMB: number
  /** Used heap once the load is over (MB). */
  endMB: number
}

const MB = 2 ** 20
/** How long a DevTools command may go unanswered (a busy isolate answers between requests). */
const ANSWER_MS = 10_000
const mb = (bytes: number): number => Math.round((bytes / MB) * 10) / 10

/** The DevTools WebSocket of the Worker's isolate: the inspector's /json list names it. */
async function debuggerUrl(port: number): Promise<string> {
  const list = (await (await fetch(`http://127.0.0.1:${port}/json`)).json()) as { webSocketDebuggerUrl?: string }[]
  return list.find((t) => t.webSocketDebuggerUrl)?.webSocketDebuggerUrl ?? `ws://127.0.0.1:${port}/ws`
}

/** One DevTools connection: commands by id, answers as promises (rejected once the connection is gone). */
class DevTools {
  private id = 0
  private closed = false
  private readonly waiting = new Map<number, { resolve: (result: unknown) => void; reject: (error: Error) => void }>()

  private constructor(private readonly ws: WebSocket) {
    ws.on('message', (data) => {
      const m = JSON.parse(String(data)) as { id?: number; result?: unknown }
      if (m.id === undefined) return
      this.waiting.get(m.id)?.resolve(m.result)
      this.waiting.delete(m.id)
    })
    ws.on('close', () => {
      this.closed = true
      for (const { reject } of this.waiting.values()) reject(new Error('the DevTools connection closed'))
      this.waiting.clear()
    })
  }

  static async open(url: string): Promise<DevTools> {
    const ws = new WebSocket(url, { headers: { origin: 'http://localhost' } })
    await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject))
    return new DevTools(ws)
  }

  send<T>(method: string): Promise<T> {
    const id = ++this.id
    if (this.closed) return Promise.reject(new Error('the DevTools connection closed'))
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting.delete(id)
        reject(new Error(`${method} got no answer within ${ANSWER_MS} ms`))
      }, ANSWER_MS)
      const settle =
        <A>(f: (a: A) => void) =>
        (a: A) => (clearTimeout(timer), f(a))
      this.waiting.set(id, { resolve: settle(resolve as (result: unknown) => void), reject: settle(reject) })
      this.ws.send(JSON.stringify({ id, method }))
    })
  }

  close(): void {
    this.ws.close()
  }
}

/** Starts sampling every `everyMs`; `stop()` ends it and resolves with the figures. */
export async function sampleIsolateHeap(
  inspectorPort: number,
  everyMs = 200,
): Promise<{ stop(): Promise<IsolateHeap> }> {
  const devtools = await DevTools.open(await debuggerUrl(inspectorPort))
  const heap: IsolateHeap = { samples: 0, lost: 0, peakUsedMB: 0, peakTotalMB: 0, endMB: NaN }
  const usage = () => devtools.send<{ usedSize: number; totalSize: number }>('Runtime.getHeapUsage')
  let sampling = Promise.resolve()
  const timer = setInterval(() => {
    sampling = sampling
      .then(async () => {
        const { usedSize, totalSize } = await usage()
        heap.samples++
        heap.peakUsedMB = Math.max(heap.peakUsedMB, mb(usedSize))
        heap.peakTotalMB = Math.max(heap.peakTotalMB, mb(totalSize))
      })
      .catch(() => void heap.lost++)
  }, everyMs)
  return {
    async stop() {
      clearInterval(timer)
      await sampling
      heap.endMB = await usage().then(
        ({ usedSize }) => mb(usedSize),
        () => NaN,
      )
      devtools.close()
      return heap
    },
  }
}
