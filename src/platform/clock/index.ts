export type { Clock, TimerHandle } from './Clock.ts';
export { ManualClock } from './ManualClock.ts';
export { SystemClock } from './SystemClock.ts';
