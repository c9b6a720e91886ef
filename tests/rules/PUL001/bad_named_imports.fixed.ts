import { ComponentResource, ComponentResourceOptions } from "@pulumi/pulumi";
import { s3 } from "@pulumi/aws";

interface ArchiveProps {
  prefix: string;
}

export class Archive extends ComponentResource {
//           ^^^^^^^ PUL001
  readonly bucket: s3.Bucket;

  constructor(
    name: string,
    props: ArchiveProps,
    private readonly retentionDays = 30,
    opts?: ComponentResourceOptions,
  ) {
    super("pkg:index:Archive", name, {}, opts);
    this.bucket = new s3.Bucket(`${props.prefix}-archive`);
  }
}

export class Existing extends ComponentResource {
  constructor(name: string) {
    super("acme:index:Existing", name);
  }
}

export const archive = new Archive("archive", { prefix: "logs" });
