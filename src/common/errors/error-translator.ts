import type { DomainError } from './domain-error';

/**
 * Port: says what an adapter's own error (the database driver's) means in the domain's words, so the
 * problem filter answers it without knowing the adapter. The database module implements it.
 */
export abstract class ErrorTranslator {
  /** The domain error `error` stands for, or undefined when it is none this adapter knows. */
  abstract translate(error: unknown): DomainError | undefined;
}
