#!/usr/bin/env bash
# Builds OpenTofu from source, once, into a cache folder (issue 25).
#
# OpenTofu is served here as a Go module (github.com/opentofu/opentofu), not
# as a release binary. `go install github.com/opentofu/opentofu/cmd/tofu@v`
# refuses it: its go.mod has a replace directive (hashicorp/hcl/v2 =>
# opentofu/hcl/v2), and go install MOD@VERSION forbids those. So the script
# downloads the module with `go mod download -json` (module proxy only) and
# builds ./cmd/tofu inside the module's own folder, where go.mod, its replace
# and go.sum apply, with the flags of OpenTofu's release build
# (.goreleaser.yaml: CGO_ENABLED=0, -trimpath, -mod=readonly, -s -w,
# version.dev=no, so `tofu version` prints "OpenTofu v1.11.5").
#
# Prints the binary's path on stdout (everything else goes to stderr); a
# second run finds the binary and returns at once. Nothing downloads at test
# time: the test kit only runs the binary this script left (TOFU_BINARY, or
# `tofu` on PATH, or this cache folder).
#
#   scripts/build-tofu.sh                  # -> $CACHE/tofu-v1.11.5/tofu
#   TOFU_VERSION=v1.11.5 TOFU_CACHE=/somewhere scripts/build-tofu.sh
#
# TOFU_CACHE defaults to ${XDG_CACHE_HOME:-$HOME/.cache}/cdktf-secure-go, the
# folder testkit/tfrun looks in.
set -euo pipefail
TOFU_VERSION="${TOFU_VERSION:-v1.11.5}"
TOFU_CACHE="${TOFU_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/cdktf-secure-go}"
out="$TOFU_CACHE/tofu-$TOFU_VERSION/tofu"
say() { echo "build-tofu: $*" >&2; }

if [ -x "$out" ] && "$out" version 2>/dev/null | head -1 | grep -qx "OpenTofu $TOFU_VERSION"; then
  say "cached: $out"
  echo "$out"
  exit 0
fi

export GOFLAGS=-mod=readonly
start=$(date +%s)
# go mod download needs a module context to write nothing into: an empty folder.
scratch="$(mktemp -d "${TMPDIR:-/tmp}/build-tofu.XXXXXX")"
trap 'rm -rf "$scratch"' EXIT
dir="$(cd "$scratch" && GOFLAGS= go mod download -json "github.com/opentofu/opentofu@$TOFU_VERSION" \
  | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')"
[ -n "$dir" ] && [ -f "$dir/go.mod" ] || { say "go mod download gave no module folder for github.com/opentofu/opentofu@$TOFU_VERSION"; exit 1; }
say "source: $dir"
mkdir -p "$(dirname "$out")"
# Build into a temporary name, then rename: an interrupted build leaves no
# half-written binary where the kit looks.
(cd "$dir" && CGO_ENABLED=0 go build -trimpath \
  -ldflags "-s -w -X github.com/opentofu/opentofu/version.dev=no" \
  -o "$out.tmp" ./cmd/tofu)
mv "$out.tmp" "$out"
say "built $("$out" version | head -1) in $(( $(date +%s) - start )) s: $out"
echo "$out"
