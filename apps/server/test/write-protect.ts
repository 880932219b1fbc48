/**
 * Makes `file` immutable (`chattr +i`) until the end of the `using` block, or `lift()`:
 * every write to it fails with EPERM, for root too and through descriptors already open,
 * as a disk that refuses writes would. Throws if the file system cannot do it.
 */
export function writeProtect(file: string): { lift(): void } & Disposable {
  chattr('+i', file)
  let lifted = false
  const lift = () => {
    if (lifted) return
    lifted = true
    chattr('-i', file)
  }
  return { lift, [Symbol.dispose]: lift }
}

function chattr(flag: '+i' | '-i', file: string): void {
  const run = Bun.spawnSync(['chattr', flag, file], { stderr: 'pipe' })
  if (run.exitCode !== 0) throw new Error(`chattr ${flag} ${file} failed: ${run.stderr.toString().trim()}`)
}
