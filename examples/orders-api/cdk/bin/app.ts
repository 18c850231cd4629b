#!/usr/bin/env node
// The orders service as a CDK app: the same functions and table as ../template.yaml, with
// the same kinds of mistakes (see lib/orders-stack.ts).
import { App } from 'aws-cdk-lib';
import { OrdersStack } from '../lib/orders-stack';

const app = new App();

new OrdersStack(app, 'OrdersStack', {
  env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION },
  stage: app.node.tryGetContext('orders:stage') ?? 'dev',
});
