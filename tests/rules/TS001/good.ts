import * as pulumi from '@pulumi/pulumi';
import * as aws from '@pulumi/aws';
import { lambda } from '@pulumi/aws';
import fs = require('fs');
export { LambdaEtlStack } from './lambda-etl-stack';
export * from './tags';

// Only module specifiers are checked: other strings, dynamic imports and require calls are not.
const config = new pulumi.Config("tap");
const handlerModule = import("./handler");
const yaml = require("js-yaml");

declare module "./lambda-etl-stack" {
  interface LambdaEtlStack {
    extra?: string;
  }
}

export const fn = new lambda.Function('api', {
  runtime: "nodejs22.x",
  handler: 'index.handler',
  role: config.require('roleArn'),
  code: new pulumi.asset.AssetArchive({ 'index.js': new pulumi.asset.StringAsset(fs.readFileSync('x', 'utf8')) }),
});
export const bucket = new aws.s3.Bucket('b');
export const loaded = [handlerModule, yaml];
