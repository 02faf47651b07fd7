/** @module A process's ancestors and descendants, from /proc (Linux); elsewhere only the parent is known. */
import { readFileSync, readdirSync } from 'node:fs'

function parentOf(pid: number): number | undefined {
  try {
    // The command name (field 2) is in parentheses and may hold spaces; the parent is the 2nd field after it.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1])
  } catch {
    return undefined
  }
}

/** The chain of parents of `pid` up to (not including) init. */
export function ancestorsOf(pid: number): number[] {
  const chain: number[] = []
  let parent = pid === process.pid ? process.ppid : parentOf(pid)
  while (parent !== undefined && parent > 1 && chain.length < 32) {
    chain.push(parent)
    parent = parentOf(parent)
  }
  return chain
}

/** Every process below `pid` (children, theirs, ...), as /proc shows them now. */
export function descendantsOf(pid: number): number[] {
  let pids: number[]
  try {
    pids = readdirSync('/proc')
      .filter((name) => /^\d+$/.test(name))
      .map(Number)
  } catch {
    return []
  }
  const children = new Map<number, number[]>()
  for (const p of pids) {
    const parent = parentOf(p)
    if (parent !== undefined) children.set(parent, [...(children.get(parent) ?? []), p])
  }
  const out: number[] = []
  const stack = [pid]
  while (stack.length > 0) {
    for (const child of children.get(stack.pop() as number) ?? []) {
      out.push(child)
      stack.push(child)
    }
  }
  return out
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}
