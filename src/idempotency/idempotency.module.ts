import { Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { MongooseModule } from '@nestjs/mongoose';
import { AuditModule } from '../audit/audit.module';
import { MetricsModule } from '../metrics/metrics.module';
import { RequestValidationPipe } from '../common/validation/request-validation.pipe';
import { IdempotencyClaims } from './idempotency-claims';
import { IdempotencyInterceptor } from './idempotency.interceptor';
import { IdempotencyStore } from './idempotency.store';
import { IdempotencyRecordDocument, IdempotencyRecordSchema } from './infrastructure/idempotency-record.schema';
import { MongoIdempotencyStore } from './infrastructure/mongo-idempotency.store';

@Module({
  imports: [
    AuditModule,
    MetricsModule,
    MongooseModule.forFeature([{ name: IdempotencyRecordDocument.name, schema: IdempotencyRecordSchema }]),
  ],
  providers: [
    IdempotencyClaims,
    RequestValidationPipe,
    { provide: IdempotencyStore, useClass: MongoIdempotencyStore },
    { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
  ],
  // The app's one validation pipe: the interceptor validates a body before claiming its key, and AppModule
  // registers the same instance as the global pipe.
  exports: [IdempotencyStore, RequestValidationPipe],
})
export class IdempotencyModule {}
