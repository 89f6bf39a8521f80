import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import type { Connection } from 'mongoose';
import { ErrorTranslator } from '../common/errors/error-translator';
import { AppConfig } from '../config/app-config';
import { commandFinished } from './command-replies';
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
        // A reply lost on a connection that stays open (a black-holed network path, a frozen server) would
        // hold its caller forever; past this the command fails with a network timeout, which answers 503.
        // Not the driver's timeoutMS (client-side operation timeout): experimental in driver 6, and its
        // error is no network error, so an outage would read as a bug. Not maxTimeMS either: that bounds
        // the server's work, not a reply that never arrives.
        socketTimeoutMS: config.DB_COMMAND_TIMEOUT_MS,
        // Queued commands would turn an outage into hanging requests; failing fast lets callers get a 503.
        bufferCommands: false,
        autoIndex: false,
        // Every command is counted for the request that issued it (round-trips.ts), and its reply is heard
        // by the job run that issued it (command-replies.ts).
        monitorCommands: true,
        connectionFactory: (connection: Connection) => {
          const client = connection.getClient();
          client.on('commandStarted', countCommand);
          client.on('commandSucceeded', commandFinished);
          client.on('commandFailed', commandFinished);
          return connection;
        },
      }),
    }),
  ],
  providers: [DatabaseHealth, IndexBootstrap, { provide: ErrorTranslator, useClass: DatabaseErrorTranslator }],
  exports: [DatabaseEndpointModule, DatabaseHealth, IndexBootstrap, ErrorTranslator],
})
export class DatabaseModule {}
