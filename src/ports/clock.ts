/**
 * Clock: the only way the core learns the time, so tests and the sample dataset can fix it.
 */

/** A source of the current time. */
export interface Clock {
  /** The current instant. */
  now(): Date;
}

/** The system clock. */
export const systemClock: Clock = { now: () => new Date() };
