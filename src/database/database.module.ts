import { Global, Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import type { Connection } from 'mongoose';
import { AppConfig } from '../config/app-config';
import { DatabaseEndpoint } from './database-endpoint';
import { DatabaseHealth } from './database-health';
import { IndexBootstrap } from './index-bootstrap';
import { countCommand } from './round-trips';

@Global()
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

@Global()
@Module({
  imports: [
    DatabaseEndpointModule,
    MongooseModule.forRootAsync({
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
  providers: [DatabaseHealth, IndexBootstrap],
  exports: [DatabaseEndpointModule, DatabaseHealth, IndexBootstrap],
})
export class DatabaseModule {}
