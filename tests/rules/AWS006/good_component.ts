import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';

export interface LambdaComponentArgs {
  functionName: string;
  logRetentionDays?: number;
  roleArn: pulumi.Input<string>;
}

// Seed 003's ideal component: the log group is named from the same argument as the function.
export class LambdaComponent extends pulumi.ComponentResource {
  public readonly function: aws.lambda.Function;
  public readonly logGroup: aws.cloudwatch.LogGroup;

  constructor(name: string, args: LambdaComponentArgs, opts?: pulumi.ComponentResourceOptions) {
    super('tap:lambda:LambdaComponent', name, {}, opts);
    this.logGroup = new aws.cloudwatch.LogGroup(
      `${args.functionName}-logs`,
      {
        name: `/aws/lambda/${args.functionName}`,
        retentionInDays: args.logRetentionDays || 7,
      },
      { parent: this },
    );
    this.function = new aws.lambda.Function(
      `${args.functionName}-fn`,
      {
        name: args.functionName,
        runtime: 'nodejs22.x',
        handler: 'index.handler',
        role: args.roleArn,
      },
      { parent: this, dependsOn: [this.logGroup] },
    );
    this.registerOutputs({ function: this.function, logGroup: this.logGroup });
  }
}
