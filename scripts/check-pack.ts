/**
 * Checks what `npm pack` would put in the package: only what a consumer needs (the declarations behind
 * `AppType` and the widget, the widget module, package.json and README.md), and each of those present.
 * Run after `npm run consumer:check` (which builds the declarations) and `npm run build:widget`.
 *
 * Usage: npm run pack:check
 */
import { execFileSync } from 'node:child_process'

const NEEDED = [
  'package.json',
  'README.md',
  'public/widget.js',
  'dist/types/index.d.ts',
  'dist/types/widget/wylb-search.d.ts',
]
const ALLOWED = (path: string) => NEEDED.includes(path) || /^dist\/types\/.+\.d\.ts$/.test(path)

const [pack] = JSON.parse(
  execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { encoding: 'utf8' }),
) as {
  files: { path: string }[]
  size: number
}[]
if (!pack) throw new Error('npm pack --dry-run printed no package')
const paths = pack.files.map((file) => file.path)
const extra = paths.filter((path) => !ALLOWED(path))
const missing = NEEDED.filter((path) => !paths.includes(path))
console.log(`npm pack: ${paths.length} files, ${(pack.size / 1024).toFixed(1)} KB packed`)
if (extra.length > 0) console.error(`not for consumers: ${extra.join(', ')}`)
if (missing.length > 0) console.error(`missing: ${missing.join(', ')}`)
if (extra.length > 0 || missing.length > 0) process.exitCode = 1
