// Finds the best sustained rate for a set of rooms: doubles the rate while steps pass, then
// bisects between the best pass and the slowest failure above it. A failing rate is tried a
// second time before it counts, since a shared machine's hiccups can spoil one short step,
// and a failure while other processes took a good part of our CPUs does not count at all.

import { config } from '../config.ts'
import { untilCpusQuiet } from '../machine/cpu-contention.ts'
import { LOAD_CPU, SERVER_CPU } from '../machine/pinning.ts'
import type { Room } from './rooms.ts'
import { runStep, type StepResult, type StepTarget } from './step.ts'

/** A step passes when at least this share of deliveries arrive… */
const MIN_DELIVERED_SHARE = 0.95

interface RampOptions {
  /** Deliveries per second (all members) of the first step. */
  startDeliveriesPerSecond: number
  /** Distinct rates tried, at most. */
  maxRates: number
  /** Steps run, retries included, at most. */
  maxRuns: number
  stepSeconds: number
  /** Stop bisecting once the failing rate is within this factor of the passing one. */
  precision: number
  /** While steps pass, each rate is this many times the last. */
  growth: number
  /** A step passes when the timed members' p99 stays within this (and enough is delivered). */
  maxP99Ms: number
  onStep?: (step: RampStep) => void
}

export type RampStep = StepResult & {
  passed: boolean
  retry: boolean
  disturbed: boolean
  /** Milliseconds waited for other work to calm down before this step. */
  waitedMs: number
}

/** Other processes' share of the server's or the load's CPU from which a failing step is not believed. */
export const DISTURBED_SHARE = 0.2
/** How many disturbed failures a ramp may set aside, beyond its runs. */
const MAX_DISTURBED = 4

/** Before a ramp and after a failure: wait for other work on our CPUs to calm down (within the run's budget). */
const calm = () => untilCpusQuiet(config.quietWaitBudgetSeconds * 1000, [SERVER_CPU, LOAD_CPU])

interface RampResult {
  best: StepResult | undefined
  steps: RampStep[]
  /** Why the ramp stopped early, if it did. */
  note?: string
}

function passes(step: StepResult, maxP99Ms: number): boolean {
  return (
    step.deliveredShare >= MIN_DELIVERED_SHARE &&
    step.p99Ms <= maxP99Ms &&
    step.closedMembers === 0 &&
    step.errors === 0
  )
}

export async function ramp(
  rooms: readonly Room[],
  servers: readonly StepTarget[],
  options: RampOptions,
): Promise<RampResult> {
  const members = rooms[0]?.members.length ?? 1
  let rate = options.startDeliveriesPerSecond / (rooms.length * members)
  let best: StepResult | undefined
  let failed: StepResult | undefined
  const steps: RampStep[] = []
  let setAside = 0
  /** Runs the current rate, again while a failure coincides with other work on our CPUs. */
  const run = async (retry: boolean): Promise<RampStep> => {
    for (;;) {
      const waitedMs = steps.length === 0 || !steps.at(-1)?.passed ? await calm() : 0
      const step = await runStep(rooms, rate, options.stepSeconds, servers)
      const passed = passes(step, options.maxP99Ms)
      const disturbed =
        !passed && Math.max(step.othersOnServerCpu, step.othersOnLoadCpu) >= DISTURBED_SHARE && setAside < MAX_DISTURBED
      const done = { ...step, passed, retry, disturbed, waitedMs }
      steps.push(done)
      options.onStep?.(done)
      if (!disturbed || step.closedMembers > 0 || step.backlogLeft) return done
      setAside++
    }
  }
  const runs = () => steps.length - setAside
  /** Why the rooms can no longer be measured, if they cannot. */
  const broken = (step: StepResult) =>
    step.closedMembers > 0
      ? `${step.closedMembers} members were disconnected`
      : step.backlogLeft
        ? 'the server was still delivering a backlog 10 s after a step'
        : undefined
  for (let rates = 0; rates < options.maxRates && runs() < options.maxRuns; rates++) {
    let step = await run(false)
    const note = broken(step)
    if (note) return { best, steps, note }
    if (!step.passed && runs() < options.maxRuns) {
      step = await run(true)
      const retryNote = broken(step)
      if (retryNote) return { best, steps, note: retryNote }
    }
    // `failed` is the slowest failure above the best pass; noise may reorder the two.
    if (step.passed) {
      if (!best || step.deliveriesPerSecond > best.deliveriesPerSecond) best = step
      if (failed && failed.ratePerRoom <= step.ratePerRoom) failed = undefined
    } else if ((!best || step.ratePerRoom > best.ratePerRoom) && (!failed || step.ratePerRoom < failed.ratePerRoom)) {
      failed = step
    }
    const low = best?.ratePerRoom
    const high = failed?.ratePerRoom
    if (low !== undefined && high !== undefined) {
      if (high / low <= options.precision) break
      rate = (low + high) / 2
    } else if (low !== undefined) rate = low * options.growth
    else if (high !== undefined) rate = high / 2
  }
  return { best, steps }
}
