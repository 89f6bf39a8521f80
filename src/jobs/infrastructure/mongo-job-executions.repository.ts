import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { FilterQuery, Model } from 'mongoose';
import { purgeExpired } from '../../database/purge-expired';
import type { ExecutionStatus, JobExecution, JobResults, JobType } from '../domain/job-execution';
import { JobExecutionsRepository } from '../job-executions.repository';
import { JobExecutionDocument } from './job-execution.schema';

const toDomain = ({ _id, ...rest }: JobExecutionDocument): JobExecution => ({ id: _id, ...rest });

@Injectable()
export class MongoJobExecutionsRepository extends JobExecutionsRepository {
  constructor(@InjectModel(JobExecutionDocument.name) private readonly executions: Model<JobExecutionDocument>) {
    super();
  }

  async start(execution: JobExecution): Promise<void> {
    const { id, ...rest } = execution;
    await this.executions.create({ _id: id, ...rest });
  }

  async finish(
    id: string,
    fencingToken: number,
    outcome: {
      status: Exclude<ExecutionStatus, 'RUNNING'>;
      results: JobResults;
      failureReason?: string;
      completedAt: Date;
    },
  ): Promise<boolean> {
    const result = await this.executions
      .updateOne({ _id: id, status: 'RUNNING', fencingToken }, { $set: outcome })
      .exec();
    return result.modifiedCount === 1;
  }

  async failAbandoned(jobType: JobType, belowToken: number, reason: string, at: Date): Promise<number> {
    const result = await this.executions
      .updateMany(
        { jobType, status: 'RUNNING', fencingToken: { $lt: belowToken } },
        { $set: { status: 'FAILED', failureReason: reason, completedAt: at } },
      )
      .exec();
    return result.modifiedCount;
  }

  async findById(id: string): Promise<JobExecution | undefined> {
    const doc = await this.executions.findById(id).lean<JobExecutionDocument>().exec();
    return doc ? toDomain(doc) : undefined;
  }

  async list(jobType: JobType | undefined, limit: number, now: Date): Promise<JobExecution[]> {
    // Expired runs are gone as far as readers are concerned, whether or not a TTL monitor removed them yet.
    const filter: FilterQuery<JobExecutionDocument> = { expiresAt: { $gt: now }, ...(jobType && { jobType }) };
    const docs = await this.executions
      .find(filter)
      .sort({ startedAt: -1, _id: -1 })
      .limit(limit)
      .lean<JobExecutionDocument[]>()
      .exec();
    return docs.map(toDomain);
  }

  purgeExpired(now: Date, limit: number): Promise<number> {
    return purgeExpired(this.executions, now, limit);
  }
}
