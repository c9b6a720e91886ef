import { ServiceStack } from '@acme/pulumi-components';

// The resources come from a package of components the linter cannot see into.
export const service = new ServiceStack('team-service', { team: 'payments' }).url;
