// JavaScript twin of any stack the Go library synthesizes: it rebuilds every
// stack of a Go output folder with the provider's classes (deep imports, one
// per resource type), at the same construct paths, and sets each resource's
// attributes as overrides. That is the same construct tree, the same
// submodules loaded and the same synthesis work a JavaScript app would do.
//
//   node replay.js GO_OUTDIR OUTDIR
"use strict";
const fs = require("fs");
const path = require("path");
const { App, TerraformStack, LocalBackend } = require("cdktf");
const { Construct } = require("constructs");

const [goOut, outdir] = process.argv.slice(2);
const manifest = JSON.parse(fs.readFileSync(path.join(goOut, "manifest.json"), "utf8"));
const app = new App({ outdir, stackTraces: false });

const modules = new Map();
function classFor(kind, type) {
  const key = `${kind}:${type}`;
  if (!modules.has(key)) {
    const base = type.replace(/^aws_/, "").replace(/_/g, "-");
    const dir = kind === "data" ? `data-aws-${base}` : base;
    const mod = require(`@cdktf/provider-aws/lib/${dir}`);
    const cls = Object.values(mod).find((c) => typeof c === "function" && c.tfResourceType === type);
    if (!cls) throw new Error(`no class for ${kind} ${type} in lib/${dir}`);
    modules.set(key, cls);
  }
  return modules.get(key);
}

function scopeFor(stack, segments) {
  let scope = stack;
  for (const seg of segments) scope = scope.node.tryFindChild(seg) || new Construct(scope, seg);
  return scope;
}

function setAll(target, prefix, obj) {
  for (const [k, v] of Object.entries(obj)) {
    if (k === "//") continue;
    target.addOverride(prefix + k, v);
  }
}

for (const id of Object.keys(manifest.stacks).sort()) {
  const doc = JSON.parse(fs.readFileSync(path.join(goOut, manifest.stacks[id].synthesizedStackPath), "utf8"));
  const stack = new TerraformStack(app, id);
  const tf = doc.terraform || {};
  if (tf.required_providers && tf.required_providers.aws && tf.required_providers.aws.version) {
    stack.addOverride("terraform.required_providers.aws.version", tf.required_providers.aws.version);
  }
  if (tf.backend && tf.backend.local) new LocalBackend(stack, { path: tf.backend.local.path });
  const { AwsProvider } = require("@cdktf/provider-aws/lib/provider");
  for (const [i, p] of ((doc.provider || {}).aws || []).entries()) {
    const prov = new AwsProvider(stack, i === 0 ? "aws" : p.alias, {});
    setAll(prov, "", p);
  }
  // Create in path order so parents exist and ids resolve the same way.
  const items = [];
  for (const kind of ["data", "resource"]) {
    for (const [type, byName] of Object.entries(doc[kind] || {})) {
      for (const body of Object.values(byName)) {
        items.push({ kind, type, body, path: body["//"].metadata.path.split("/").slice(1) });
      }
    }
  }
  for (const it of items) {
    const Cls = classFor(it.kind, it.type);
    const res = new Cls(scopeFor(stack, it.path.slice(0, -1)), it.path[it.path.length - 1], {});
    setAll(res, "", it.body);
  }
  for (const key of ["output", "locals", "variable", "moved", "import"]) {
    if (doc[key]) stack.addOverride(key, doc[key]);
  }
}
app.synth();
