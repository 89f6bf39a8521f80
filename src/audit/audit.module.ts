import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { FollowUpModule } from '../follow-up/follow-up.module';
import { MetricsModule } from '../metrics/metrics.module';
import { AuditController } from './audit.controller';
import { AuditRepository } from './audit.repository';
import { AuditService } from './audit.service';
import { AuditEntryDocument, AuditEntrySchema } from './infrastructure/audit-entry.schema';
import { MongoAuditRepository } from './infrastructure/mongo-audit.repository';

@Module({
  imports: [
    FollowUpModule,
    MetricsModule,
    MongooseModule.forFeature([{ name: AuditEntryDocument.name, schema: AuditEntrySchema }]),
  ],
  controllers: [AuditController],
  providers: [AuditService, { provide: AuditRepository, useClass: MongoAuditRepository }],
  exports: [AuditService],
})
export class AuditModule {}
