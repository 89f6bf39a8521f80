import { AsyncLocalStorage } from 'node:async_hooks';
import { mongo } from 'mongoose';

const listener = new AsyncLocalStorage<() => void>();

/**
 * Runs `work` so that every reply the database sends to a command it issued calls `onReply`: a job run
 * learns that its work is moving (and renews its lease) without each step having to say so, and a run
 * whose command never gets a reply hears nothing.
 */
export function hearingReplies<T>(onReply: () => void, work: () => Promise<T>): Promise<T> {
  return listener.run(onReply, work);
}

/**
 * Runs `work` unheard by the run around it: a lease renewal is no sign that the work moves, nor is the
 * shared follow-up flush, which goes on writing other requests' follow-ups after the run's own.
 */
export function unheard<T>(work: () => T): T {
  return listener.exit(work);
}

/**
 * Called for every command the driver finishes (command monitoring), in the async context of the code that
 * issued it. A server error is a reply too; a network failure or a timeout is not.
 */
export function commandFinished(event: mongo.CommandSucceededEvent | mongo.CommandFailedEvent): void {
  const onReply = listener.getStore();
  if (!onReply) return;
  if ('failure' in event && !(event.failure instanceof mongo.MongoServerError)) return;
  onReply();
}
