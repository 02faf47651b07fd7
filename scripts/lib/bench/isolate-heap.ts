/**
 * @module The heap of the Worker's isolate under `wrangler dev --inspector-port P`, sampled over the DevTools
 * protocol (Runtime.getHeapUsage) while load runs; at the end a forced GC (HeapProfiler.collectGarbage) gives
 * what the isolate holds live.
 */
import WebSocket from 'ws'

export interface IsolateHeap {
  samples: number
  /** Highest used heap sampled (MB), garbage included. */
  peakUsedMB: number
  /** Highest heap V8 had reserved (MB). */
  peakTotalMB: number
  /** Used heap after the load and a forced GC (MB). */
  liveMB: number
}

const MB = 2 ** 20
const mb = (bytes: number): number => Math.round((bytes / MB) * 10) / 10

/** The DevTools WebSocket of the Worker's isolate: the inspector's /json list names it. */
async function debuggerUrl(port: number): Promise<string> {
  const list = (await (await fetch(`http://127.0.0.1:${port}/json`)).json()) as { webSocketDebuggerUrl?: string }[]
  return list.find((t) => t.webSocketDebuggerUrl)?.webSocketDebuggerUrl ?? `ws://127.0.0.1:${port}/ws`
}

/** One DevTools connection: commands by id, answers as promises. */
class DevTools {
  private id = 0
  private readonly waiting = new Map<number, (result: unknown) => void>()

  private constructor(private readonly ws: WebSocket) {
    ws.on('message', (data) => {
      const m = JSON.parse(String(data)) as { id?: number; result?: unknown }
      if (m.id === undefined) return
      this.waiting.get(m.id)?.(m.result)
      this.waiting.delete(m.id)
    })
  }

  static async open(url: string): Promise<DevTools> {
    const ws = new WebSocket(url, { headers: { origin: 'http://localhost' } })
    await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject))
    return new DevTools(ws)
  }

  send<T>(method: string): Promise<T> {
    const id = ++this.id
    return new Promise<T>((resolve) => {
      this.waiting.set(id, resolve as (result: unknown) => void)
      this.ws.send(JSON.stringify({ id, method }))
    })
  }

  close(): void {
    this.ws.close()
  }
}

/** Starts sampling every `everyMs`; `stop()` ends it and resolves with the figures. */
export async function sampleIsolateHeap(inspectorPort: number, everyMs = 200): Promise<{ stop(): Promise<IsolateHeap> }> {
  const devtools = await DevTools.open(await debuggerUrl(inspectorPort))
  const heap: IsolateHeap = { samples: 0, peakUsedMB: 0, peakTotalMB: 0, liveMB: NaN }
  const usage = () => devtools.send<{ usedSize: number; totalSize: number }>('Runtime.getHeapUsage')
  let sampling = Promise.resolve()
  const timer = setInterval(() => {
    sampling = sampling.then(async () => {
      const { usedSize, totalSize } = await usage()
      heap.samples++
      heap.peakUsedMB = Math.max(heap.peakUsedMB, mb(usedSize))
      heap.peakTotalMB = Math.max(heap.peakTotalMB, mb(totalSize))
    })
  }, everyMs)
  return {
    async stop() {
      clearInterval(timer)
      await sampling
      await devtools.send('HeapProfiler.collectGarbage')
      heap.liveMB = mb((await usage()).usedSize)
      devtools.close()
      return heap
    },
  }
}
