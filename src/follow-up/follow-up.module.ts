import { Module } from '@nestjs/common';
import { FollowUpQueue } from './follow-up-queue';

@Module({ providers: [FollowUpQueue], exports: [FollowUpQueue] })
export class FollowUpModule {}
