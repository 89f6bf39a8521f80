import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import type { Connection, mongo } from 'mongoose';

const NOT_IMPLEMENTED = 238;

/**
 * Creates every schema's indexes at boot. TTL indexes are requested as such; where the server refuses
 * them (FerretDB 1.x answers NotImplemented) a plain index on the same field is made instead and the
 * cleanup jobs purge expired records. Reads never rely on the TTL monitor either way.
 */
@Injectable()
export class IndexBootstrap implements OnApplicationBootstrap {
  private readonly logger = new Logger(IndexBootstrap.name);
  private ttlSupported = true;

  constructor(@InjectConnection() private readonly connection: Connection) {}

  /** False once the server has refused a TTL index: the jobs must then purge expired records themselves. */
  get serverExpiresRecords(): boolean {
    return this.ttlSupported;
  }

  async onApplicationBootstrap(): Promise<void> {
    for (const model of Object.values(this.connection.models)) {
      for (const [definition, mongooseOptions] of model.schema.indexes()) {
        const keys = definition as Record<string, 1 | -1>;
        const options = mongooseOptions as mongo.CreateIndexesOptions;
        try {
          await model.collection.createIndex(keys, options);
        } catch (error) {
          if ((error as { code?: number }).code !== NOT_IMPLEMENTED || options.expireAfterSeconds === undefined)
            throw error;
          if (this.ttlSupported) {
            this.logger.warn('The database refuses TTL indexes; the expiry jobs will purge expired records instead.');
          }
          this.ttlSupported = false;
          const { expireAfterSeconds: _ttl, ...plain } = options;
          await model.collection.createIndex(keys, plain);
        }
      }
    }
  }
}
