import { ComponentResource } from "@pulumi/pulumi";
import { s3 } from "@pulumi/aws";

interface ArchiveProps {
  prefix: string;
}

export class Archive {
//           ^^^^^^^ PUL001
  readonly bucket: s3.Bucket;

  constructor(
    props: ArchiveProps,
    private readonly retentionDays = 30,
  ) {
    this.bucket = new s3.Bucket(`${props.prefix}-archive`);
  }
}

export class Existing extends ComponentResource {
  constructor(name: string) {
    super("acme:index:Existing", name);
  }
}

export const archive = new Archive({ prefix: "logs" });
