// JavaScript twin of bench/benchstack.Minimal: the secure stack (provider
// with default tags, local backend, account context) plus one S3 bucket,
// written with deep imports as a JavaScript user would.
//
//   node minimal.js OUTDIR [ENVS]
"use strict";
const { App, TerraformStack, LocalBackend } = require("cdktf");
const { Construct } = require("constructs");
const { AwsProvider } = require("@cdktf/provider-aws/lib/provider");
const { DataAwsCallerIdentity } = require("@cdktf/provider-aws/lib/data-aws-caller-identity");
const { DataAwsRegion } = require("@cdktf/provider-aws/lib/data-aws-region");
const { DataAwsPartition } = require("@cdktf/provider-aws/lib/data-aws-partition");
const { S3Bucket } = require("@cdktf/provider-aws/lib/s3-bucket");

const [outdir, envArg] = process.argv.slice(2);
const envs = Number(envArg || 1);
const app = new App({ outdir, stackTraces: false });
for (let i = 0; i < envs; i++) {
  const env = i === 0 ? "dev" : `env${i + 1}`;
  const id = `acme-${env}`;
  const stack = new TerraformStack(app, id);
  stack.addOverride("terraform.required_providers.aws.version", ">= 5.99.1, < 6.0.0");
  new AwsProvider(stack, "aws", {
    region: "us-east-1",
    defaultTags: [{ tags: { Company: "acme", Environment: env, ManagedBy: "cdktf-secure-go", Project: "acme" } }],
  });
  new LocalBackend(stack, { path: "terraform.tfstate" });
  const context = new Construct(stack, "context");
  new DataAwsCallerIdentity(context, "caller");
  new DataAwsRegion(context, "region");
  new DataAwsPartition(context, "partition");
  const name = `${id}-data`;
  new S3Bucket(stack, name, { bucket: name });
}
app.synth();
