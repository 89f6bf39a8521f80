/**
 * The right to run one job type, held until `leaseUntil`. `token` grows by one at every acquisition,
 * so each holder's writes are conditional on its own token and a holder that lost the lease — paused,
 * slow or cut off past `leaseUntil` — can no longer renew it, release it or finish its run.
 */
export interface JobLease {
  jobType: string;
  owner: string;
  token: number;
  leaseUntil: Date;
}
