// What main hands every phase: the run's log, and a way to measure one figure without
// letting its failure end the run.

export interface RunLog {
  /** Prints a line of progress (indented lines are details of the one before). */
  say(line: string): void
  /** Measures one figure; a failure is recorded as "not measured" with its reason, and gives undefined. */
  attempt<T>(what: string, measure: () => Promise<T>): Promise<T | undefined>
}
