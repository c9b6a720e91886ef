import { StaticSite } from './site';

// The root's index.ts runs: Pulumi.yaml has no main and package.json none either.
new StaticSite('site', { indexDocument: 'index.html' });
//  ^^^^^^^^^^ PUL008
