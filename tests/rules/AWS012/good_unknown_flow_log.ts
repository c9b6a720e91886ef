import * as aws from '@pulumi/aws';

// A flow log for a VPC id that comes from elsewhere may be this VPC's.
export function enableFlowLogs(vpcId: string, destination: string): aws.ec2.FlowLog {
  return new aws.ec2.FlowLog('flow-log', {
    vpcId,
    trafficType: 'REJECT',
    logDestinationType: 's3',
    logDestination: destination,
  });
}

export const vpc = new aws.ec2.Vpc('main', { cidrBlock: '10.1.0.0/16' });
