import { StaticSite } from './site';

// The root's index.ts runs: Pulumi.yaml has no main and package.json none either.
const staticSite = new StaticSite('site', { indexDocument: 'index.html' });
//  ^^^^^^^^^^ PUL008

export const bucketName = staticSite.bucketName;
export const websiteUrl = staticSite.websiteUrl;
