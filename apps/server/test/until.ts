/** Waits until `condition` holds, checking every 10 ms; fails naming `what` after `ms`. */
export async function until(
  condition: () => boolean | Promise<boolean>,
  what = 'the condition',
  ms = 10_000,
): Promise<void> {
  const deadline = performance.now() + ms
  while (!(await condition())) {
    if (performance.now() > deadline) throw new Error(`${what} never held within ${ms} ms`)
    await Bun.sleep(10)
  }
}
