import * as pulumi from '@pulumi/pulumi';

pulumi.runtime.setMocks(
  {
    newResource: (args: pulumi.runtime.MockResourceArgs) => ({
      id: `${args.name}-id`,
      state: { ...args.inputs, domainName: `${args.name}.cloudfront.net`, bucket: args.name },
    }),
    call: (args: pulumi.runtime.MockCallArgs) => args.inputs,
  },
  'marketing-site',
  'test',
);

function valueOf<T>(output: pulumi.Output<T>): Promise<T> {
  return new Promise((resolve) => output.apply(resolve));
}

describe('StaticWebsite', () => {
  let module: typeof import('../src/components/static-website');

  beforeAll(async () => {
    module = await import('../src/components/static-website');
  });

  it('serves the bucket through CloudFront', async () => {
    const site = new module.StaticWebsite('site', { domain: 'www.example.com', indexDocument: 'index.html' });
    expect(await valueOf(site.cdnDomain)).toBe('site-cdn.cloudfront.net');
  });

  it('names the bucket after the component', async () => {
    const site = new module.StaticWebsite('docs', { domain: 'docs.example.com', indexDocument: 'index.html' });
    expect(await valueOf(site.bucketName)).toContain('docs');
  });
});
