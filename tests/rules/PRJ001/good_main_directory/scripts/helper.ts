// A script that builds an object, not resources.
export const settings = new Map<string, string>([['region', 'eu-west-1']]);
