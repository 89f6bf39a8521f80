import { Module } from '@nestjs/common';
import { CheckoutController } from './checkout.controller';
import { DashboardController } from './dashboard.controller';
import { SharedStylesController } from './shared-styles.controller';

/** The static pages: the operator dashboard and the customer checkout, and the stylesheet they share. */
@Module({ controllers: [DashboardController, CheckoutController, SharedStylesController] })
export class DashboardModule {}
