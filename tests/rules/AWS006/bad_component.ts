import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';

export interface WorkerArgs {
  functionName: pulumi.Input<string>;
  roleArn: pulumi.Input<string>;
}

// Inside a component: the new log group gets the same parent.
export class Worker extends pulumi.ComponentResource {
  public readonly function: aws.lambda.Function;

  constructor(name: string, args: WorkerArgs, opts?: pulumi.ComponentResourceOptions) {
    super('tap:lambda:Worker', name, {}, opts);
    this.function = new aws.lambda.Function(`${name}-fn`, {
//                      ^^^^^^^^^^^^^^^^^^^ AWS006
      name: args.functionName,
      runtime: 'nodejs22.x',
      handler: 'index.handler',
      role: args.roleArn,
    }, { parent: this });
    this.registerOutputs({ function: this.function });
  }
}
