import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { isDuplicateKey } from '../../database/mongo-errors';
import type { JobLease } from '../domain/job-lease';
import { JobLeasesRepository } from '../job-leases.repository';
import { JobLeaseDocument } from './job-lease.schema';

const RELEASED = new Date(0);

@Injectable()
export class MongoJobLeasesRepository extends JobLeasesRepository {
  constructor(@InjectModel(JobLeaseDocument.name) private readonly leases: Model<JobLeaseDocument>) {
    super();
  }

  async acquire(jobType: string, owner: string, leaseUntil: Date, endedBy: Date): Promise<JobLease | undefined> {
    try {
      await this.leases.create({ _id: jobType, owner, token: 1, leaseUntil });
      return { jobType, owner, token: 1, leaseUntil };
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
    }
    // Free (released) or abandoned (its holder stopped renewing): take it with the next token.
    const taken = await this.leases
      .findOneAndUpdate(
        { _id: jobType, leaseUntil: { $lte: endedBy } },
        { $set: { owner, leaseUntil }, $inc: { token: 1 } },
        { new: true },
      )
      .lean<JobLeaseDocument>()
      .exec();
    return taken ? { jobType, owner, token: taken.token, leaseUntil } : undefined;
  }

  async renew(lease: JobLease, leaseUntil: Date): Promise<boolean> {
    const result = await this.leases
      .updateOne({ _id: lease.jobType, token: lease.token }, { $set: { leaseUntil } })
      .exec();
    return result.matchedCount === 1;
  }

  async release(lease: JobLease): Promise<void> {
    await this.leases.updateOne({ _id: lease.jobType, token: lease.token }, { $set: { leaseUntil: RELEASED } }).exec();
  }

  async heldUntil(jobType: string): Promise<Date | undefined> {
    const doc = await this.leases.findById(jobType).lean<JobLeaseDocument>().exec();
    return doc?.leaseUntil;
  }
}
