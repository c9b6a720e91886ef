import * as pulumi from "@pulumi/pulumi";
//                      ^^^^^^^^^^^^^^^^ TS001
import * as aws from "@pulumi/aws";
//                   ^^^^^^^^^^^^^ TS001
import * as path from 'path';
import type { Input } from "@pulumi/pulumi/output";
//                         ^^^^^^^^^^^^^^^^^^^^^^^ TS001
import "./polyfills";
//     ^^^^^^^^^^^^^ TS001
import archiver = require("archiver");
//                        ^^^^^^^^^^ TS001
export { LambdaEtlStack } from "./lambda-etl-stack";
//                             ^^^^^^^^^^^^^^^^^^^^ TS001
export * from "./tags";
//            ^^^^^^^^ TS001
export * as naming from "./naming's";
//                      ^^^^^^^^^^^^ TS001

const config = new pulumi.Config();
const environmentSuffix = config.require('environmentSuffix');
const codeDir: Input<string> = path.join(__dirname, 'lambda');

export const bucket = new aws.s3.Bucket(`etl-artifacts-${environmentSuffix}`, {
  tags: { Environment: environmentSuffix, Zip: String(archiver) },
});
export const codePath = codeDir;
// A quoted string that is not a module specifier stays as it is.
export const greeting = "hello";
