import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';

/**
 * One registry per application instance (not prom-client's global one), so several apps in one
 * process — as in the multi-instance tests — never collide on metric names.
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
    help: 'Idempotent requests by scope and outcome (executed, replayed, key_reused, in_progress, released)',
    labelNames: ['scope', 'outcome'] as const,
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
    help: 'Expiry job runs by job type and outcome (completed, failed, skipped)',
    labelNames: ['job', 'outcome'] as const,
    registers: [this.registry],
  });

  readonly jobItems = new Counter({
    name: 'job_items_total',
    help: 'Items handled by expiry jobs, by job type and result (processed, error)',
    labelNames: ['job', 'result'] as const,
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }
}
