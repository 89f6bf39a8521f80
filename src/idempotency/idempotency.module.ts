import { Global, Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { MongooseModule } from '@nestjs/mongoose';
import { AuditModule } from '../audit/audit.module';
import { RequestValidationPipe } from '../common/validation/request-validation.pipe';
import { IdempotencyClaims } from './idempotency-claims';
import { IdempotencyInterceptor } from './idempotency.interceptor';
import { IdempotencyStore } from './idempotency.store';
import { IdempotencyRecordDocument, IdempotencyRecordSchema } from './infrastructure/idempotency-record.schema';
import { MongoIdempotencyStore } from './infrastructure/mongo-idempotency.store';

@Global()
@Module({
  imports: [
    AuditModule,
    MongooseModule.forFeature([{ name: IdempotencyRecordDocument.name, schema: IdempotencyRecordSchema }]),
  ],
  providers: [
    IdempotencyClaims,
    RequestValidationPipe,
    { provide: IdempotencyStore, useClass: MongoIdempotencyStore },
    { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
  ],
  exports: [IdempotencyStore],
})
export class IdempotencyModule {}
