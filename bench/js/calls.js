// Summarizes a jsii request trace written by `synth -calls -trace FILE`:
// requests by kind, the bytes of JSON sent each way, and property reads repeated on the same object (each
// one a round trip whose answer the Go side already had).
//
//   node calls.js TRACE
"use strict";
const fs = require("fs");
const lines = fs.readFileSync(process.argv[2], "utf8").trim().split("\n");
const reqLines = lines.filter((l) => l.startsWith("> "));
const resLines = lines.filter((l) => l.startsWith("< "));
const reqs = reqLines.map((l) => JSON.parse(l.slice(2)));
// bytes of JSON on the pipe (one line per message, newline included)
const bytes = (ls) => ls.reduce((n, l) => n + Buffer.byteLength(l) - 2 + 1, 0);
const byApi = {};
for (const r of reqs) byApi[r.api] = (byApi[r.api] || 0) + 1;
const reads = {};
for (const r of reqs) {
  if (r.api !== "get") continue;
  const key = `${r.objref["$jsii.byref"].replace(/@\d+$/, "")} .${r.property}|${r.objref["$jsii.byref"]}`;
  reads[key] = (reads[key] || 0) + 1;
}
const repeated = {};
let total = 0;
for (const [key, n] of Object.entries(reads)) {
  if (n < 2) continue;
  const what = key.split("|")[0];
  repeated[what] = (repeated[what] || 0) + n - 1;
  total += n - 1;
}
const stackOf = reqs.filter((r) => r.api === "sinvoke" && r.fqn === "cdktf.TerraformStack" && r.method === "of").length;
console.log(`requests: ${reqs.length} (${Object.entries(byApi).map(([k, v]) => `${k} ${v}`).join(", ")})`);
console.log(`bytes: requests ${bytes(reqLines)}, responses ${resLines.length ? bytes(resLines) : "- (not in the trace)"}`);
console.log(`repeated property reads: ${total}; TerraformStack.of calls: ${stackOf}`);
for (const [what, n] of Object.entries(repeated).sort((a, b) => b[1] - a[1]).slice(0, 10)) console.log(`  ${n} x ${what}`);
