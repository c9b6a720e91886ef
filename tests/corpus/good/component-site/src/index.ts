import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import { SiteMonitoring } from './components/monitoring';
import { StaticWebsite } from './components/static-website';

const config = new pulumi.Config();
const domain = config.require('domain');
const certificateRegion = config.get('certificateRegion') ?? 'us-east-1';

// CloudFront certificates must live in us-east-1.
const certificateProvider = new aws.Provider('certificates', { region: certificateRegion as aws.Region });

const site = new StaticWebsite('marketing', {
  domain,
  indexDocument: 'index.html',
  errorDocument: '404.html',
}, { providers: { aws: certificateProvider } });

const monitoring = new SiteMonitoring('marketing-monitoring', {
  distributionId: site.distributionId,
  errorRateThreshold: 5,
}, { parent: site });

export const bucketName = site.bucketName;
export const cdnDomain = site.cdnDomain;
export const websiteUrl = pulumi.interpolate`https://${site.cdnDomain}`;
export const alarmArn = monitoring.alarmArn;
