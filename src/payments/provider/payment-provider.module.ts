import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { MetricsModule } from '../../metrics/metrics.module';
import { LedgerEntryDocument, LedgerEntrySchema } from './ledger-entry.schema';
import { PaymentProvider } from './payment-provider';
import { SimulatedPaymentProvider } from './simulated-payment-provider';

@Module({
  imports: [MetricsModule, MongooseModule.forFeature([{ name: LedgerEntryDocument.name, schema: LedgerEntrySchema }])],
  providers: [{ provide: PaymentProvider, useClass: SimulatedPaymentProvider }],
  exports: [PaymentProvider],
})
export class PaymentProviderModule {}
