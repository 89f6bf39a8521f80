import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { AuditModule } from '../audit/audit.module';
import { BookingsModule } from '../bookings/bookings.module';
import { FollowUpModule } from '../follow-up/follow-up.module';
import { MetricsModule } from '../metrics/metrics.module';
import { MongoPaymentAttemptsRepository } from './infrastructure/mongo-payment-attempts.repository';
import { PaymentAttemptDocument, PaymentAttemptSchema } from './infrastructure/payment-attempt.schema';
import { PaymentAttemptsRepository } from './payment-attempts.repository';
import { PaymentsController } from './payments.controller';
import { PaymentsService } from './payments.service';
import { PaymentProviderModule } from './provider/payment-provider.module';

@Module({
  imports: [
    BookingsModule,
    AuditModule,
    FollowUpModule,
    MetricsModule,
    PaymentProviderModule,
    MongooseModule.forFeature([{ name: PaymentAttemptDocument.name, schema: PaymentAttemptSchema }]),
  ],
  controllers: [PaymentsController],
  providers: [PaymentsService, { provide: PaymentAttemptsRepository, useClass: MongoPaymentAttemptsRepository }],
  exports: [PaymentsService],
})
export class PaymentsModule {}
