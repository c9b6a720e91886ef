import { LambdaEtlStack } from './lib/lambda-etl-stack';

const stack = new LambdaEtlStack({ environmentSuffix: 'dev' });

export const functionArn = stack.functionArn;
