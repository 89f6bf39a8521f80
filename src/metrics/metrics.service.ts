import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';
import { ReplayTally } from './replay-tally';

/** The idempotency scope of `POST /api/payments/intent`, whose replays are also payment retries. */
const PAYMENT_SCOPE = 'payments.intent';

/**
 * One registry per application instance (not prom-client's global one), so several apps in one
 * process — as in the multi-instance tests — never collide on metric names. docs/operations.md lists
 * every metric with its meaning; keep the two in step.
 */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();

  readonly httpRequests = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request duration by route and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });

  readonly idempotency = new Counter({
    name: 'idempotency_requests_total',
    help: 'Idempotent requests by scope and outcome (executed, replayed, replayed_from_memory, key_reused, in_progress, released)',
    labelNames: ['scope', 'outcome'] as const,
    registers: [this.registry],
  });

  readonly idempotencyCache = new Counter({
    name: 'idempotency_cache_lookups_total',
    help: 'Idempotent requests by whether the in-process cache of completed records answered them (hit) or the database was asked (miss), by scope',
    labelNames: ['scope', 'result'] as const,
    registers: [this.registry],
  });

  readonly idempotencyInFlightWaits = new Counter({
    name: 'idempotency_inflight_waits_total',
    help: 'Requests that found their key claimed by a twin still running and waited for its answer, by scope',
    labelNames: ['scope'] as const,
    registers: [this.registry],
  });

  readonly idempotencyKeyReuseRefusals = new Counter({
    name: 'idempotency_key_reuse_refusals_total',
    help: 'Requests refused with 422 because their key was used with a different payload, by scope',
    labelNames: ['scope'] as const,
    registers: [this.registry],
  });

  readonly replaysPerKey = new Histogram({
    name: 'idempotency_replays_per_key',
    help:
      'Each replay observes its ordinal for its key in this process (1 for the first replay of a key, 2 for the second, …): ' +
      'keys replayed at least n times = observations equal to n',
    labelNames: ['scope'] as const,
    buckets: [1, 2, 3, 5, 10, 20, 50],
    registers: [this.registry],
  });

  readonly paymentRequests = new Counter({
    name: 'payment_requests_total',
    help: 'Payment intents by kind: new (first use of a key), resumed (a retry that continued an earlier attempt), replayed (a retry answered from the stored result)',
    labelNames: ['kind'] as const,
    registers: [this.registry],
  });

  readonly providerLedger = new Counter({
    name: 'payment_provider_ledger_entries_total',
    help: "Entries this instance booked in the payment provider's ledger, by type (CHARGE, REFUND) and status (SUCCEEDED moved money; DECLINED and VOIDED did not)",
    labelNames: ['type', 'status'] as const,
    registers: [this.registry],
  });

  readonly transitions = new Counter({
    name: 'domain_transitions_total',
    help: 'State transitions won, by audit action',
    labelNames: ['action'] as const,
    registers: [this.registry],
  });

  readonly jobRuns = new Counter({
    name: 'job_runs_total',
    help: 'Expiry job runs by job type and outcome (completed, failed, skipped, lease_lost)',
    labelNames: ['job', 'outcome'] as const,
    registers: [this.registry],
  });

  readonly jobDuration = new Histogram({
    name: 'job_run_duration_seconds',
    help: 'Duration of expiry job runs that held the lease, by job type and outcome',
    labelNames: ['job', 'outcome'] as const,
    buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
    registers: [this.registry],
  });

  readonly jobItems = new Counter({
    name: 'job_items_total',
    help: 'Items handled by expiry jobs, by job type and result (processed, error)',
    labelNames: ['job', 'result'] as const,
    registers: [this.registry],
  });

  private readonly replays = new ReplayTally();

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }

  /** A stored answer was replayed for (scope, key). */
  replayed(scope: string, key: string): void {
    this.replaysPerKey.observe({ scope }, this.replays.next(scope, key));
    if (scope === PAYMENT_SCOPE) this.paymentRequests.inc({ kind: 'replayed' });
  }
}
