import { Global, Module } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { Clock, SystemClock } from './clock';

@Global()
@Module({
  providers: [
    { provide: Clock, useFactory: (config: AppConfig) => new SystemClock(config.CLOCK_OFFSET_MS), inject: [AppConfig] },
  ],
  exports: [Clock],
})
export class ClockModule {}
