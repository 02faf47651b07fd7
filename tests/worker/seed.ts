/** Puts the real build (of the fixture corpus, passed in by vitest.config.ts) into the test KV, pointer last. */
import { env } from 'cloudflare:workers'
import { POINTER_KEY } from '../../src/core/storage/keys.ts'

export const BUILD_VERSION = env.TEST_POINTER.version

export async function seedIndex(kv: KVNamespace = env.INDEX): Promise<void> {
  await Promise.all(env.TEST_KV_ENTRIES.map((e) => kv.put(e.key, e.value)))
  await kv.put(POINTER_KEY, JSON.stringify(env.TEST_POINTER))
}

export async function clearIndex(kv: KVNamespace = env.INDEX): Promise<void> {
  const { keys } = await kv.list()
  await Promise.all(keys.map((k) => kv.delete(k.name)))
}
