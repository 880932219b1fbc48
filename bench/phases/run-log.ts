// What main hands every phase: the run's log, and a way to measure one figure without
// letting its failure end the run.

export interface RunLog {
  /** Prints a line of progress (indented lines are details of the one before). */
  say(line: string): void
  /** Measures one figure; a failure is recorded as "not measured" with its reason, and gives undefined. */
  attempt<T>(what: string, measure: () => Promise<T>): Promise<T | undefined>
}

/** The log of a phase run on its own (`bun bench/phases/<phase>.ts`): lines and failures printed. */
export const consoleRunLog: RunLog = {
  say: (line) => console.log(line),
  async attempt(what, measure) {
    try {
      return await measure()
    } catch (error) {
      console.log(`${what} failed: ${error instanceof Error ? error.message : String(error)}`)
      return undefined
    }
  },
}
