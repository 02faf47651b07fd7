/**
 * Checks that every commit since the house rule began has a subject of at most 72 characters, the
 * figures and reasons going in the body (CONTRIBUTING in the README). Older history is left as it is.
 *
 * Usage: npm run commits:check
 */
import { execFileSync } from 'node:child_process'

/** The commit that set the rule; subjects before it were written without one. */
const RULE_FROM = '61d667d'
const MAX_SUBJECT = 72

const git = (...args: string[]): string => execFileSync('git', args, { encoding: 'utf8' })

let log: string
try {
  git('cat-file', '-e', `${RULE_FROM}^{commit}`)
  log = git('log', '--format=%h %s', `${RULE_FROM}^..HEAD`)
} catch {
  console.log(`commits: ${RULE_FROM} is not in this clone (shallow?); nothing to check`)
  process.exit(0)
}
const long = log
  .split('\n')
  .filter(Boolean)
  .filter((line) => line.length - line.indexOf(' ') - 1 > MAX_SUBJECT)
if (long.length > 0) {
  console.error(`commit subjects over ${MAX_SUBJECT} characters (put the details in the body):\n${long.join('\n')}`)
  process.exit(1)
}
console.log(`commits: ${log.split('\n').filter(Boolean).length} subjects, none over ${MAX_SUBJECT} characters`)
