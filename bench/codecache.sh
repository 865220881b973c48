#!/usr/bin/env bash
# The V8 code cache after N different binaries (issue 26): builds N programs
# (default 20), each linking constructs/stack and two AWS provider packages
# no other of them links, and runs each once with one private cache folder
# (XDG_CACHE_HOME and jsii's package cache), as 20 different tools or
# checkouts of a user would share ~/.cache. Each run loads its two provider
# submodules in the kernel (a static property read), so the kernel compiles
# and the code cache records modules the earlier runs did not have. Prints
# the cache file's size, its entries and their data after every run; the
# limit is 32 MiB of data (internal/jsiiload/codecache.js, LIMIT_BYTES).
#
#   bench/codecache.sh        # 20 binaries
#   N=8 bench/codecache.sh
#
# The derived provider tarballs of the user's cache folder, if present, are
# copied into the private one so the runs do not rebuild the lazy package
# (3 s and 440 MB); each binary still builds its own trimmed one.
set -euo pipefail
cd "$(dirname "$0")/.."
N="${N:-20}"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/cdktf-codecache.XXXXXX")"
PROGS="bench/_codecache"   # inside the module, so the programs import the library; removed at exit
trap 'rm -rf "$WORK" "$PROGS"' EXIT
say() { echo "codecache: $*" >&2; }

# Provider packages and a static member of each (a property read the kernel
# answers by loading the type's submodule).
PKGS=(ssmparameter.SsmParameter snstopic.SnsTopic cloudwatchmetricalarm.CloudwatchMetricAlarm
  cloudwatchloggroup.CloudwatchLogGroup vpcendpoint.VpcEndpoint vpc.Vpc subnet.Subnet
  snstopicsubscription.SnsTopicSubscription snstopicpolicy.SnsTopicPolicy securitygroup.SecurityGroup
  s3object.S3Object s3bucketversioning.S3BucketVersioningA s3bucketpolicy.S3BucketPolicy
  s3bucketlogging.S3BucketLoggingA s3bucketlifecycleconfiguration.S3BucketLifecycleConfiguration
  routetable.RouteTable route.Route natgateway.NatGateway lambdafunction.LambdaFunction kmskey.KmsKey
  kmsalias.KmsAlias internetgateway.InternetGateway instance.Instance iamrolepolicy.IamRolePolicy
  iamrole.IamRole iaminstanceprofile.IamInstanceProfile flowlog.FlowLog eip.Eip
  dbsubnetgroup.DbSubnetGroup dbparametergroup.DbParameterGroup dbinstance.DbInstance
  configdeliverychannel.ConfigDeliveryChannel configconfigrule.ConfigConfigRule
  cloudwatchlogmetricfilter.CloudwatchLogMetricFilter cloudtrail.Cloudtrail
  s3bucketownershipcontrols.S3BucketOwnershipControls routetableassociation.RouteTableAssociation
  defaultsecuritygroup.DefaultSecurityGroup iamrolepolicyattachment.IamRolePolicyAttachment
  internetgatewayattachment.InternetGatewayAttachment)
[ "$N" -le $((${#PKGS[@]} / 2)) ] || { say "N=$N: at most $((${#PKGS[@]} / 2)) binaries (two packages each)"; exit 2; }

cache="$WORK/cache"
mkdir -p "$cache/cdktf-secure-go/jsii"
user="${XDG_CACHE_HOME:-$HOME/.cache}/cdktf-secure-go/jsii"
cp "$user"/*.tgz "$cache/cdktf-secure-go/jsii/" 2>/dev/null || say "no derived tarballs in $user: the first run builds them"
# The go command's caches stay where they are (GOCACHE defaults to a folder
# under XDG_CACHE_HOME).
export GOCACHE="$(go env GOCACHE)" GOMODCACHE="$(go env GOMODCACHE)"
export XDG_CACHE_HOME="$cache" JSII_RUNTIME_PACKAGE_CACHE_ROOT="$cache/jsii-packages"
export CDKTF_SECURE_JSII_FASTLOAD= CDKTF_SECURE_JSII_DIRECT= CDKTF_SECURE_JSII_CODE_CACHE=

mod="$(go list -m)"
prov="github.com/cdktf/cdktf-provider-aws-go/aws/v19"
stats() { # the code cache file: bytes, entries, data bytes
  local f script
  f="$(ls "$cache"/cdktf-secure-go/jsii/jsii-runtime-*/code-cache/v8-*.bin 2>/dev/null | head -1)"
  [ -n "$f" ] || { echo "- - -"; return; }
  script="$(dirname "$(dirname "$f")")/lib/code-cache.js"
  node -e 'const e = require(process.argv[1]).read(process.argv[2]); let b = 0; for (const x of e.values()) b += x.data.length;
    console.log(require("fs").statSync(process.argv[2]).size, e.size, b)' "$script" "$f"
}
mib() { awk -v b="$1" 'BEGIN{ if (b == "-") print "-"; else printf "%.1f", b / 1048576 }'; }

echo "| binary | provider packages | cache file MiB | entries | data MiB |"
echo "|---:|---|---:|---:|---:|"
for i in $(seq "$N"); do
  a="${PKGS[$((2 * i - 2))]}"; b="${PKGS[$((2 * i - 1))]}"
  dir="$PROGS/p$i"; mkdir -p "$dir"
  cat >"$dir/main.go" <<EOF
package main

import (
	"fmt"
	"os"

	"$prov/${a%%.*}"
	"$prov/${b%%.*}"

	"$mod/constructs/stack"
)

func main() {
	dir, err := os.MkdirTemp("", "codecache-*")
	if err != nil {
		panic(err)
	}
	defer os.RemoveAll(dir)
	if _, err := stack.NewApp(stack.AppProps{Outdir: dir}); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Println(*${a}_TfResourceType(), *${b}_TfResourceType())
	stack.Close()
}
EOF
  say "binary $i: ${a%%.*} ${b%%.*}"
  go build -o "$WORK/p$i" "./$dir"
  "$WORK/p$i" >/dev/null
  read -r size entries data <<<"$(stats)"
  echo "| $i | ${a%%.*}, ${b%%.*} | $(mib "$size") | $entries | $(mib "$data") |"
done
echo
echo "- $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, node $(node --version); one cache folder for all $N binaries; limit 32 MiB of data"
