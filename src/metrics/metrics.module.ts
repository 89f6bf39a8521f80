import { MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import { EventsModule } from '../events/events.module';
import { EventSeatsGauge } from './event-seats.gauge';
import { HttpMetricsMiddleware } from './http-metrics.middleware';
import { MetricsController } from './metrics.controller';
import { MetricsService } from './metrics.service';

@Module({
  imports: [EventsModule],
  controllers: [MetricsController],
  providers: [MetricsService, EventSeatsGauge],
  exports: [MetricsService],
})
export class MetricsModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(HttpMetricsMiddleware).forRoutes('*path');
  }
}
