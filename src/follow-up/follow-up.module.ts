import { Global, Module } from '@nestjs/common';
import { FollowUpQueue } from './follow-up-queue';

@Global()
@Module({ providers: [FollowUpQueue], exports: [FollowUpQueue] })
export class FollowUpModule {}
