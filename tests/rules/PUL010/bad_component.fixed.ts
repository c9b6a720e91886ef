import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';

// A component of the file: its fields declared Outputs are Outputs wherever it is used.
class Site extends pulumi.ComponentResource {
  public readonly url: pulumi.Output<string>;
  public readonly label: string;
  constructor(name: string, opts?: pulumi.ComponentResourceOptions) {
    super('tap:web:Site', name, {}, opts);
    const bucket = new aws.s3.BucketV2(name, {}, { parent: this });
    this.url = bucket.bucketRegionalDomainName;
    this.label = name;
  }
}

// A plain class of the file: not a resource.
class Page {
  public readonly url: pulumi.Output<string>;
  constructor(url: pulumi.Output<string>) {
    this.url = url;
  }
}

const site = new Site('site');
const page = new Page(site.url);

export const link = pulumi.interpolate`https://${site.url}/index.html`;
//                             ^^^^^^^^ PUL010
export const title = `Site ${site.label}`;
export const pageLink = `https://${page.url}/`;
