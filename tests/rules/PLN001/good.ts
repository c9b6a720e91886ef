// pulumi-lint-disable-next-line TS003 -- payloads are untyped JSON
export const payload: any = JSON.parse('{}');

export const cache = new Map<string, any>(); // pulumi-lint-disable-line TS003

// Rules that did not run are not judged: the configuration may run them elsewhere.
// pulumi-lint-disable-next-line AWS001 -- read-only audit role
export const region = 'eu-west-1';

/* pulumi-lint-disable TS003 -- generated declarations */
export type Anything = any;

// Words in a string are not a suppression:
export const text = 'pulumi-lint-disable-line TS004';
