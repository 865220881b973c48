#!/usr/bin/env bash
# Does the library survive dependency bumps? (issue 15, point 4)
#
# In temporary copies of the module, never touching this one:
#   0. the build without go:linkname (-tags cdktf_secure_nofastload) vets
#      and loads the stock paths;
#   1. the pinned build synthesizes the reference stack (the baseline);
#   2. a probe (internal/depbump) is built against a sample of jsii-runtime-go
#      releases from the pinned one to the newest served, and starts the
#      direct runtime, makes a kernel round trip and stops it (no fallback,
#      no "exited abnormally");
#   3. the newest jsii-runtime-go and cdktf are required together, and the
#      reference stack is built and synthesized: the output must equal the
#      baseline's byte for byte, except the cdktf version that cdktf stamps
#      into the stack's metadata and the manifest.
# Each synth prints the provider loading mode and runtime used
# (CDKTF_SECURE_JSII_FASTLOAD=debug). Downloads only from the Go module
# proxy. About 2-3 minutes on 2 cores with a warm build cache.
#
#   scripts/depbump.sh
#   JSII_NEWEST=v1.143.0 CDKTF_NEWEST=v0.21.1 scripts/depbump.sh
#   JSII_SAMPLE="v1.119.0 v1.142.0" scripts/depbump.sh
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"
JSII_NEWEST="${JSII_NEWEST:-v1.142.0}"
CDKTF_NEWEST="${CDKTF_NEWEST:-v0.21.0}"
# v1.119.0 pinned; v1.130.0 first minified program.js; v1.138.0 first
# runtime-index-worker.js; v1.141.0 last with jsii's double-wait race.
JSII_SAMPLE="${JSII_SAMPLE:-v1.119.0 v1.125.0 v1.130.0 v1.133.0 v1.138.0 v1.141.0 $JSII_NEWEST}"
# cdktf is not in the checksum database.
export GONOSUMDB="${GONOSUMDB:+$GONOSUMDB,}github.com/hashicorp/terraform-cdk-go"
export GOFLAGS="${GOFLAGS:--buildvcs=false}"
export CHECKPOINT_DISABLE=1
WORK="$(mktemp -d "${TMPDIR:-/tmp}/depbump.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT

say() { echo "depbump: $*"; }
fail() { echo "depbump: FAIL: $*" >&2; exit 1; }
secs() { echo $(( $(date +%s) - $1 )); }
# copy DIR: this module's files, without outputs or VCS data.
copy() {
  mkdir -p "$1"
  tar -C "$ROOT" --exclude=./.git --exclude=./cdktf.out -cf - . | tar -C "$1" -xf -
}
# synth BIN OUT: synthesize the reference stack into OUT; prints the loader's line.
synth() {
  local err
  err="$(cd "$WORK" && CDKTF_SECURE_JSII_FASTLOAD=debug "$1" -out "$2" 2>&1 >/dev/null)" || fail "synth with $1: $err"
  if grep -q "exited abnormally" <<<"$err"; then fail "$1: $err"; fi
  grep '^jsiiload:' <<<"$err" | sed 's/^/  /'
}
version() { go list -m -f '{{.Version}}' "$1"; }

start=$(date +%s)
say "pinned: jsii-runtime-go $(version github.com/aws/jsii-runtime-go), cdktf $(version github.com/hashicorp/terraform-cdk-go/cdktf), provider $(version github.com/cdktf/cdktf-provider-aws-go/aws/v19)"
go build -o "$WORK/pinned" .
synth "$WORK/pinned" "$WORK/out-pinned"
pinned_cdktf="$(version github.com/hashicorp/terraform-cdk-go/cdktf)"

t=$(date +%s)
say "-tags cdktf_secure_nofastload (no go:linkname): vet, and the stock paths in a kernel"
go vet -tags cdktf_secure_nofastload ./internal/jsiiload/ ./constructs/stack/ .
go test -count=1 -timeout 5m -tags cdktf_secure_nofastload -run '^TestNoFastLoadUsesStockPaths$' ./internal/jsiiload/ | sed 's/^/  /'
say "build tag took $(secs "$t") s"

t=$(date +%s)
say "direct runtime across jsii-runtime-go releases (probe: internal/depbump)"
copy "$WORK/probe"
failed=""
for v in $JSII_SAMPLE; do
  if ! got="$(cd "$WORK/probe" && go get "github.com/aws/jsii-runtime-go@$v" 2>&1)"; then
    echo "  jsii-runtime-go $v: skipped, go get failed: $(tail -1 <<<"$got")"; continue
  fi
  (cd "$WORK/probe" && go build -o "$WORK/probe-bin" ./internal/depbump) || fail "probe does not build with jsii-runtime-go $v"
  if out="$("$WORK/probe-bin" 2>"$WORK/probe-err")" && ! grep -q "exited abnormally" "$WORK/probe-err"; then
    echo "  $out"
  else
    echo "  $out $(cat "$WORK/probe-err")"; failed="$failed $v"
  fi
done
[ -z "$failed" ] || fail "the direct runtime does not work with jsii-runtime-go$failed"
say "probes took $(secs "$t") s"

t=$(date +%s)
say "bumped: jsii-runtime-go $JSII_NEWEST and cdktf $CDKTF_NEWEST"
copy "$WORK/bump"
(cd "$WORK/bump" && go get "github.com/aws/jsii-runtime-go@$JSII_NEWEST" "github.com/hashicorp/terraform-cdk-go/cdktf@$CDKTF_NEWEST" 2>&1 | grep -E 'jsii-runtime-go|terraform-cdk-go|provider-aws' | sed 's/^/  /') || true
(cd "$WORK/bump" && go build -o "$WORK/bumped" .) || fail "the reference stack does not build with jsii-runtime-go $JSII_NEWEST and cdktf $CDKTF_NEWEST"
synth "$WORK/bumped" "$WORK/out-bumped"
# cdktf stamps its own version into the stack metadata and the manifest;
# everything else must be byte-identical.
from="\"version\": \"${pinned_cdktf#v}\""
to="\"version\": \"${CDKTF_NEWEST#v}\""
stamped="$(grep -rlF "$from" "$WORK/out-pinned" | wc -l)"
find "$WORK/out-pinned" -type f -exec sed -i "s/$from/$to/" {} +
if ! diff -r "$WORK/out-pinned" "$WORK/out-bumped"; then fail "the bumped build's output differs from the pinned build's"; fi
say "output byte-identical to the pinned build's except the cdktf version stamp ($stamped files: $from -> $to); bump took $(secs "$t") s"
say "ok in $(secs "$start") s"
