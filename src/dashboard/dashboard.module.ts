import { Module } from '@nestjs/common';
import { CheckoutController } from './checkout.controller';
import { DashboardController } from './dashboard.controller';

/** The static pages: the operator dashboard and the customer checkout. */
@Module({ controllers: [DashboardController, CheckoutController] })
export class DashboardModule {}
