"""Rules whose findings are kept per subject (kept_findings.each) see edits of OTHER statements that
change them: after each edit, the edited document reports what a fresh open of its text reports,
and the edit did change the findings (so the test would catch a finding kept too long)."""

from __future__ import annotations

from .kept_edits import check_edits

HEADER = 'import * as aws from "@pulumi/aws";\nimport * as pulumi from "@pulumi/pulumi";\n'


def test_aws003_a_scaling_target_added_elsewhere_or_repointed() -> None:
    source = (
        HEADER
        + "const orders = new aws.dynamodb.Table('orders', { name: 'orders', billingMode: 'PROVISIONED',"
        " readCapacity: 5, writeCapacity: 5, hashKey: 'id', attributes: [{ name: 'id', type: 'S' }] });\n"
        "const other = new aws.dynamodb.Table('other', { name: 'other', billingMode: 'PROVISIONED',"
        " readCapacity: 5, writeCapacity: 5, hashKey: 'id', attributes: [{ name: 'id', type: 'S' }] });\n"
        "const target = orders;\n"
        "// targets\n"
    )
    scaling = (
        "new aws.appautoscaling.Target('scale', { serviceNamespace: 'dynamodb',"
        " resourceId: pulumi.interpolate`table/${target.name}`, scalableDimension:"
        " 'dynamodb:table:ReadCapacityUnits', minCapacity: 5, maxCapacity: 50 });\n"
    )
    check_edits(
        "AWS003",
        source,
        [
            ("// targets\n", "// targets\n" + scaling),  # orders now scales
            ("const target = orders;", "const target = other;"),  # through the alias: other scales
            (scaling, ""),  # neither scales
        ],
    )
