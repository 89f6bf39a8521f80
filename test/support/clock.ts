import { Clock } from '../../src/common/clock';
import type { TestApp } from './test-app';

/**
 * Moves the app's injected clock `ms` ahead of the wall clock (cumulative), so a spec reaches a lease's,
 * a window's or the reconcile pass's time without sleeping. Undone by `jest.restoreAllMocks()`.
 */
export function advanceClock(t: TestApp, ms: number): void {
  const clock = t.app.get(Clock);
  const current = clock.now().getTime() - Date.now();
  jest.spyOn(clock, 'now').mockImplementation(() => new Date(Date.now() + current + ms));
}
