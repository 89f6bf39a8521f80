import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import type { Connection } from 'mongoose';
import { ErrorTranslator } from '../common/errors/error-translator';
import { AppConfig } from '../config/app-config';
import { DatabaseEndpoint } from './database-endpoint';
import { DatabaseHealth } from './database-health';
import { DatabaseErrorTranslator } from './database-unavailable';
import { IndexBootstrap } from './index-bootstrap';
import { countCommand } from './round-trips';

@Module({
  providers: [
    {
      provide: DatabaseEndpoint,
      inject: [AppConfig],
      useFactory: (config: AppConfig) => DatabaseEndpoint.resolve(config),
    },
  ],
  exports: [DatabaseEndpoint],
})
class DatabaseEndpointModule {}

@Module({
  imports: [
    DatabaseEndpointModule,
    MongooseModule.forRootAsync({
      imports: [DatabaseEndpointModule],
      inject: [AppConfig, DatabaseEndpoint],
      useFactory: (config: AppConfig, endpoint: DatabaseEndpoint) => ({
        uri: endpoint.uri,
        maxPoolSize: endpoint.maxPoolSize,
        serverSelectionTimeoutMS: config.DB_TIMEOUT_MS,
        connectTimeoutMS: config.DB_TIMEOUT_MS,
        // Queued commands would turn an outage into hanging requests; failing fast lets callers get a 503.
        bufferCommands: false,
        autoIndex: false,
        // Every command is counted for the request that issued it (round-trips.ts).
        monitorCommands: true,
        connectionFactory: (connection: Connection) => {
          connection.getClient().on('commandStarted', countCommand);
          return connection;
        },
      }),
    }),
  ],
  providers: [DatabaseHealth, IndexBootstrap, { provide: ErrorTranslator, useClass: DatabaseErrorTranslator }],
  exports: [DatabaseEndpointModule, DatabaseHealth, IndexBootstrap, ErrorTranslator],
})
export class DatabaseModule {}
