#!/usr/bin/env bash
# Synthesis benchmark (issue 9): prints a markdown table of warm synth wall
# and CPU time, peak memory of the Go process and of its node kernel, jsii
# round trips, first-run time with empty caches, scaling over 1-8
# environments, the JavaScript twin's figures and ratios, the output
# equality checks, temporary-folder leftovers and the test suite's wall time.
#
#   bench/run.sh                 # everything but the deploy tier
#   RUNS=9 bench/run.sh          # more repetitions (default 5; medians are shown)
#   DEPLOY=1 bench/run.sh        # also time the deploy tier (go -C internal/e2e test ./...)
#   SKIP_TESTS=1 SKIP_JS=1 ...   # leave out the test-suite timing / the JavaScript twin
#   MODES="fast nocache" ENVS=1 COLD=fast ...   # fewer loading modes, environment counts, first-run modes
#
# Needs go, node, npm (the twin installs cdktf 0.20.12, constructs 10.4.2 and
# @cdktf/provider-aws 19.65.1 into a temporary folder) and GNU time.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS="${RUNS:-5}"
MODES="${MODES:-fast nocache wrapper lazy stock}"
ENVS="${ENVS:-1 2 4 8}"
COLD="${COLD:-fast stock}"
export CHECKPOINT_DISABLE=1
WORK="$(mktemp -d "${TMPDIR:-/tmp}/cdktf-bench.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
TIME=/usr/bin/time
[ -x "$TIME" ] || { echo "bench: GNU time (/usr/bin/time) is needed: apt-get install time" >&2; exit 1; }

say() { echo "bench: $*" >&2; }
json() { node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{const o=JSON.parse(s);console.log(process.argv.slice(1).map(k=>o[k]??"").join(" "))})' "$@"; }
median() { sort -g | awk '{a[NR]=$1} END {if (NR==0) {print "-"; exit} m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "%.0f\n", m}'; }

say "building the synth helper and main"
go build -o "$WORK/synth" ./bench/cmd/synth
go build -o "$WORK/main" .

# measure NAME CMD... : one warm-up run, then RUNS timed runs. Writes
# NAME.wall/.cpu (ms per run), NAME.json (the helper's lines, if any) and
# NAME.rss (GNU time's max RSS in KiB: the process, or its largest reaped child).
measure() {
  local name="$1"; shift
  "$@" >/dev/null 2>"$WORK/$name.err" || { cat "$WORK/$name.err" >&2; say "$name failed"; return 1; }
  : >"$WORK/$name.wall"; : >"$WORK/$name.cpu"; : >"$WORK/$name.json"; : >"$WORK/$name.rss"
  for _ in $(seq "$RUNS"); do
    "$TIME" -f "%e %U %S %M" -o "$WORK/t" "$@" >>"$WORK/$name.json" 2>>"$WORK/$name.err"
    read -r e u s m <"$WORK/t"
    awk -v e="$e" 'BEGIN{printf "%.0f\n", e*1000}' >>"$WORK/$name.wall"
    awk -v u="$u" -v s="$s" 'BEGIN{printf "%.0f\n", (u+s)*1000}' >>"$WORK/$name.cpu"
    echo $((m / 1024)) >>"$WORK/$name.rss"
  done
}
field() { # field NAME KEY -> median of a numeric field of NAME.json ("-" when not measured)
  [ -f "$WORK/$1.json" ] || { echo -; return; }
  while read -r line; do [ -n "$line" ] && echo "$line" | json "$2"; done <"$WORK/$1.json" | median
}
wall() { if [ -f "$WORK/$1.wall" ]; then median <"$WORK/$1.wall"; else echo -; fi; }
cpu() { if [ -f "$WORK/$1.cpu" ]; then median <"$WORK/$1.cpu"; else echo -; fi; }
rss() { if [ -f "$WORK/$1.rss" ]; then median <"$WORK/$1.rss"; else echo -; fi; }

# modeenv MODE: the environment bench/cmd/synth needs for MODE at start-up
# (set here, so the helper does not re-execute itself inside a measurement).
modeenv() {
  case "$1" in
    fast) echo CDKTF_SECURE_JSII_FASTLOAD= CDKTF_SECURE_JSII_DIRECT= CDKTF_SECURE_JSII_CODE_CACHE= ;;
    nocache) echo CDKTF_SECURE_JSII_FASTLOAD= CDKTF_SECURE_JSII_DIRECT= CDKTF_SECURE_JSII_CODE_CACHE=0 ;;
    wrapper) echo CDKTF_SECURE_JSII_FASTLOAD= CDKTF_SECURE_JSII_DIRECT=0 CDKTF_SECURE_JSII_CODE_CACHE= ;;
    lazy) echo CDKTF_SECURE_JSII_FASTLOAD=lazy CDKTF_SECURE_JSII_DIRECT= CDKTF_SECURE_JSII_CODE_CACHE= ;;
    stock) echo CDKTF_SECURE_JSII_FASTLOAD=0 CDKTF_SECURE_JSII_DIRECT= CDKTF_SECURE_JSII_CODE_CACHE= ;;
  esac
}
# gosynth MODE: the command line that runs the helper in MODE (a plain
# command, so that GNU time can run it).
gosynth() { echo "env $(modeenv "$1") $WORK/synth -mode $1"; }

declare -A RES CALLS SPLIT
rows=()
row() { rows+=("| $1 | $2 | $3 | $4 | $5 | $6 | $7 |"); }

# --- Go: warm synthesis per stack and loading mode --------------------------
for stack in minimal reference; do
  out="$WORK/go-$stack"
  $(gosynth fast) -stack "$stack" -out "$out" >/dev/null   # keep one output for the checks
  for mode in $MODES; do
    say "go $stack $mode ($RUNS runs)"
    measure "go-$stack-$mode" $(gosynth "$mode") -stack "$stack"
  done
  RES[$stack]="$(head -1 "$WORK/go-$stack-fast.json" | json resources)"
  CALLS[$stack]="$($(gosynth fast) -stack "$stack" -calls -trace "$WORK/trace-$stack.txt" | json jsii_calls)"
  SPLIT[$stack]="Go $(field "go-$stack-fast" go_cpu_ms) ms + node $(field "go-$stack-fast" node_cpu_ms) ms"
  for mode in $MODES; do
    n="go-$stack-$mode"
    row "Go $stack, $mode" "${RES[$stack]}" "$(wall "$n")" "$(cpu "$n")" "$(field "$n" go_peak_mib)" "$(field "$n" node_peak_mib) ($(field "$n" kernel_peak_mib))" "${CALLS[$stack]}"
  done
done

# --- Go: first run with empty caches (jsii package cache and ours) ----------
for mode in $COLD; do
  : >"$WORK/cold-$mode.wall"; : >"$WORK/cold-$mode.cpu"; : >"$WORK/cold-$mode.json"
  for i in 1 2; do
    say "go reference $mode, cold caches (run $i)"
    cold="$WORK/cold-$mode-$i"; mkdir -p "$cold"
    start=$(date +%s%N)
    XDG_CACHE_HOME="$cold" JSII_RUNTIME_PACKAGE_CACHE_ROOT="$cold/jsii" "$TIME" -f "%U %S" -o "$WORK/t" $(gosynth "$mode") -stack reference >>"$WORK/cold-$mode.json"
    echo $(( ($(date +%s%N) - start) / 1000000 )) >>"$WORK/cold-$mode.wall"
    read -r u s <"$WORK/t"
    awk -v u="$u" -v s="$s" 'BEGIN{printf "%.0f\n", (u+s)*1000}' >>"$WORK/cold-$mode.cpu"
    rm -rf "$cold"
  done
done

# --- Go: scaling over environments in one app (one kernel) ------------------
scale=()
for envs in $ENVS; do
  say "go reference x$envs environments"
  measure "scale-$envs" $(gosynth fast) -stack reference -envs "$envs"
  $(gosynth fast) -stack reference -envs "$envs" -out "$WORK/go-scale-$envs" >/dev/null
done

# --- JavaScript twin ---------------------------------------------------------
js_ok=""; js_first=""; js_install=""
if [ -z "${SKIP_JS:-}" ]; then
  say "installing the JavaScript twin's packages from npm"
  mkdir -p "$WORK/js"
  cp bench/js/*.js "$WORK/js/"
  echo '{"private": true}' >"$WORK/js/package.json"
  # The install is timed too: it is the twin's one-time cost, as building
  # the derived provider package is Go's (the first run below).
  if (cd "$WORK/js" && "$TIME" -f "%e %U %S %M" -o "$WORK/npm-t" npm install --no-audit --no-fund --loglevel=error \
      cdktf@0.20.12 constructs@10.4.2 @cdktf/provider-aws@19.65.1 >/dev/null); then
    js_ok=1
    read -r nw nu ns _ <"$WORK/npm-t"
    js_install="$(awk -v w="$nw" 'BEGIN{printf "%.0f", w*1000}') | $(awk -v u="$nu" -v s="$ns" 'BEGIN{printf "%.0f", (u+s)*1000}')"
    # The twin's first run: right after the install, nothing compiled or
    # cached yet (node keeps no code cache of its own between runs).
    start=$(date +%s%N)
    "$TIME" -f "%e %U %S %M" -o "$WORK/t" node "$WORK/js/replay.js" "$WORK/go-reference" "$WORK/js-first-out" >/dev/null
    js_first_wall=$(( ($(date +%s%N) - start) / 1000000 ))
    read -r _ u s m <"$WORK/t"
    js_first="$js_first_wall | $(awk -v u="$u" -v s="$s" 'BEGIN{printf "%.0f", (u+s)*1000}') | $((m / 1024))"
    measure js-minimal node "$WORK/js/minimal.js" "$WORK/js-min-out"
    measure js-reference node "$WORK/js/replay.js" "$WORK/go-reference" "$WORK/js-ref-out"
    row "JS minimal (bench/js/minimal.js)" "${RES[minimal]}" "$(wall js-minimal)" "$(cpu js-minimal)" "-" "$(rss js-minimal)" "-"
    row "JS reference (bench/js/replay.js)" "${RES[reference]}" "$(wall js-reference)" "$(cpu js-reference)" "-" "$(rss js-reference)" "-"
    for envs in $ENVS; do
      measure "js-scale-$envs" node "$WORK/js/replay.js" "$WORK/go-scale-$envs" "$WORK/js-scale-out-$envs"
    done
  else
    say "npm install failed; the JavaScript twin is left out"
  fi
fi

# --- interleaved runs: the ratios, free of load drift -------------------------
# Go (with and without the code cache) and JavaScript, minimal and reference,
# take turns in every round, so drift on the machine hits all cases alike.
inter=""
if [ -n "$js_ok" ]; then
  say "interleaved Go/JavaScript runs ($RUNS rounds)"
  for c in igomin igoref igominnc igorefnc ijsmin ijsref; do : >"$WORK/$c.wall"; : >"$WORK/$c.cpu"; done
  for _ in $(seq "$RUNS"); do
    for c in igomin igoref igominnc igorefnc ijsmin ijsref; do
      case $c in
        igomin) set -- $(gosynth fast) -stack minimal ;;
        igoref) set -- $(gosynth fast) -stack reference ;;
        igominnc) set -- $(gosynth nocache) -stack minimal ;;
        igorefnc) set -- $(gosynth nocache) -stack reference ;;
        ijsmin) set -- node "$WORK/js/minimal.js" "$WORK/js-min-out" ;;
        ijsref) set -- node "$WORK/js/replay.js" "$WORK/go-reference" "$WORK/js-ref-out" ;;
      esac
      "$TIME" -f "%e %U %S" -o "$WORK/t" "$@" >/dev/null 2>&1
      read -r e u s <"$WORK/t"
      awk -v e="$e" 'BEGIN{printf "%.0f\n", e*1000}' >>"$WORK/$c.wall"
      awk -v u="$u" -v s="$s" 'BEGIN{printf "%.0f\n", (u+s)*1000}' >>"$WORK/$c.cpu"
    done
  done
  inter=1
fi

# --- output equality: Go vs JavaScript twin ----------------------------------
compare() { # compare GO_FILE JS_FILE STRICT -> verdict
  node -e '
    const fs = require("fs");
    const [a, b] = process.argv.slice(1, 3).map(f => fs.readFileSync(f, "utf8"));
    if (a === b) { console.log("byte-identical"); process.exit(0); }
    const norm = s => { const o = JSON.parse(s); delete o["//"]; if (o.terraform) delete o.terraform.backend; return o; };
    const canon = v => Array.isArray(v) ? v.map(canon) : (v && typeof v === "object") ?
      Object.keys(v).sort().reduce((r, k) => (r[k] = canon(v[k]), r), {}) : v;
    const same = JSON.stringify(canon(norm(a))) === JSON.stringify(canon(norm(b)));
    console.log(same ? "same apart from metadata and backend" : "DIFFERENT");
  ' "$1" "$2"
}
eq_min="-"; eq_ref="-"
if [ -n "$js_ok" ]; then
  eq_min="$(compare "$WORK/go-minimal/stacks/acme-dev/cdk.tf.json" "$WORK/js-min-out/stacks/acme-dev/cdk.tf.json")"
  eq_ref="$(compare "$WORK/go-reference/stacks/acme-dev/cdk.tf.json" "$WORK/js-ref-out/stacks/acme-dev/cdk.tf.json")"
fi

# --- temporary-folder leftovers ----------------------------------------------
left() { # left CMD... -> entries left in a private TMPDIR
  local t="$WORK/tmpcheck"; rm -rf "$t"; mkdir -p "$t"
  TMPDIR="$t" "$@" >/dev/null 2>&1 || true
  (cd "$t" && ls -A | { grep -v '^out$' || true; } | tr '\n' ' ')
}
left_synth="$(left $(gosynth fast) -stack reference)"
left_main="$(left "$WORK/main" -out "$WORK/tmpcheck/out")"

# --- test suite wall time (warm build cache) ----------------------------------
t_short="-"; t_deploy="-"
# timed_test LOG CMD...: runs a test command with its output in LOG and prints
# "N ms (ok)" or "N ms (FAILED)"; on failure it also shows the failing tests
# on stderr (the log is removed at exit).
timed_test() {
  local log="$WORK/$1" start st ms; shift
  start=$(date +%s%N)
  if "$@" >"$log" 2>&1; then st=ok; else st=FAILED; fi
  ms=$(( ($(date +%s%N) - start) / 1000000 ))
  if [ "$st" = FAILED ]; then
    say "$(basename "$log"): failing tests:"
    grep -E -B2 -A20 '^(--- FAIL|FAIL|panic:)' "$log" | head -80 >&2 || true
  fi
  echo "$ms ms ($st)"
}
if [ -z "${SKIP_TESTS:-}" ]; then
  say "go test -short ./... (warming the build cache)"
  go test -short ./... >/dev/null 2>&1 || true
  say "go test -short -count=1 ./... (timed, fast loading, then stock)"
  t_short="$(timed_test test-short.log go test -short -count=1 ./...)"
  t_short="$t_short; with CDKTF_SECURE_JSII_FASTLOAD=0: $(CDKTF_SECURE_JSII_FASTLOAD=0 CDKTF_SECURE_JSII_DIRECT= timed_test test-short-stock.log go test -short -count=1 ./...)"
  if [ -n "${DEPLOY:-}" ]; then
    say "go -C internal/e2e test -count=1 ./... (timed)"
    go -C internal/e2e test -run '^$' ./... >/dev/null 2>&1 || true
    t_deploy="$(timed_test test-deploy.log go -C internal/e2e test -count=1 ./...)"
  fi
fi

# --- report --------------------------------------------------------------------
ratio() { awk -v a="$1" -v b="$2" 'BEGIN{ if (b+0 == 0 || a == "-" || b == "-") print "-"; else printf "%.2f\n", a/b }'; }
echo
echo "## Synthesis benchmark ($(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg))"
echo
echo "go $(go env GOVERSION), node $(node --version); medians of $RUNS warm runs; CPU = user+sys of the whole process tree."
echo "Modes: fast = internal/jsiiload default (trimmed assembly, direct runtime: one node process, V8 code cache), nocache = fast without the code cache, wrapper = trimmed in jsii's own two-process runtime, lazy = lazy-index + full stripped assembly (direct runtime), stock = the bindings' own load in jsii's own runtime."
echo
echo "| case | resources | wall ms | CPU ms | Go peak MiB | node peak MiB, all (kernel) | jsii round trips |"
echo "|---|---:|---:|---:|---:|---:|---:|"
printf '%s\n' "${rows[@]}"
echo
echo "| first run, empty jsii package cache and derived-tarball cache | wall ms (each run) | CPU ms (each run) | Go peak MiB | node peak MiB, all |"
echo "|---|---:|---:|---:|---:|"
for mode in $COLD; do
  echo "| Go reference, $mode | $(tr '\n' ' ' <"$WORK/cold-$mode.wall") | $(tr '\n' ' ' <"$WORK/cold-$mode.cpu") | $(field "cold-$mode" go_peak_mib) | $(field "cold-$mode" node_peak_mib) |"
done
echo
echo "| JavaScript twin, first run after npm install | wall ms | CPU ms | node peak MiB |"
echo "|---|---:|---:|---:|"
echo "| JS reference (bench/js/replay.js) | ${js_first:-- | - | -} |"
echo "| its npm install (cdktf, constructs, provider-aws; npm's cache warm) | ${js_install:-- | -} | - |"
echo
echo "| environments (reference, fast) | resources | wall ms | CPU ms | node peak MiB | Go peak MiB | JS wall ms | JS CPU ms | JS peak MiB |"
echo "|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
for envs in $ENVS; do
  r="$(head -1 "$WORK/scale-$envs.json" | json resources)"
  if [ -n "$js_ok" ]; then jsw="$(wall "js-scale-$envs")"; jsc="$(cpu "js-scale-$envs")"; jsr="$(rss "js-scale-$envs")"; else jsw=-; jsc=-; jsr=-; fi
  echo "| $envs | $r | $(wall "scale-$envs") | $(cpu "scale-$envs") | $(field "scale-$envs" node_peak_mib) | $(field "scale-$envs" go_peak_mib) | $jsw | $jsc | $jsr |"
done
echo
if [ -n "$inter" ]; then
  echo "| interleaved, $RUNS rounds (medians) | wall ms | CPU ms |"
  echo "|---|---:|---:|"
  for c in igomin:"Go minimal, fast" igoref:"Go reference, fast" igominnc:"Go minimal, nocache" igorefnc:"Go reference, nocache" ijsmin:"JS minimal" ijsref:"JS reference"; do
    echo "| ${c#*:} | $(wall "${c%%:*}") | $(cpu "${c%%:*}") |"
  done
  echo
fi
echo "| ratio | wall | CPU |"
echo "|---|---:|---:|"
if [ -n "$inter" ]; then
  echo "| interleaved: Go reference / JS reference (target <= 2) | $(ratio "$(wall igoref)" "$(wall ijsref)") | $(ratio "$(cpu igoref)" "$(cpu ijsref)") |"
  echo "| interleaved: Go reference / Go minimal (target <= 1.3) | $(ratio "$(wall igoref)" "$(wall igomin)") | $(ratio "$(cpu igoref)" "$(cpu igomin)") |"
  echo "| interleaved: Go reference nocache / fast (what the code cache saves) | $(ratio "$(wall igorefnc)" "$(wall igoref)") | $(ratio "$(cpu igorefnc)" "$(cpu igoref)") |"
  echo "| interleaved: Go minimal nocache / fast | $(ratio "$(wall igominnc)" "$(wall igomin)") | $(ratio "$(cpu igominnc)" "$(cpu igomin)") |"
  echo "| interleaved: JS reference / JS minimal | $(ratio "$(wall ijsref)" "$(wall ijsmin)") | $(ratio "$(cpu ijsref)" "$(cpu ijsmin)") |"
  # The ratio Go would have if jsii cost nothing per request: Go's minimal
  # run plus the JavaScript twin's own cost of the reference stack's work.
  floor() { awk -v gm="$1" -v jr="$2" -v jm="$3" 'BEGIN{ if (gm+0 == 0) print "-"; else printf "%.2f\n", (gm + jr - jm) / gm }'; }
  echo "| interleaved: (Go minimal + JS reference - JS minimal) / Go minimal: Go's ratio with free jsii calls | $(floor "$(wall igomin)" "$(wall ijsref)" "$(wall ijsmin)") | $(floor "$(cpu igomin)" "$(cpu ijsref)" "$(cpu ijsmin)") |"
fi
if [ -n "$js_ok" ]; then
  echo "| Go reference fast / JS reference (target <= 2) | $(ratio "$(wall go-reference-fast)" "$(wall js-reference)") | $(ratio "$(cpu go-reference-fast)" "$(cpu js-reference)") |"
  echo "| Go reference stock / JS reference | $(ratio "$(wall go-reference-stock)" "$(wall js-reference)") | $(ratio "$(cpu go-reference-stock)" "$(cpu js-reference)") |"
  echo "| Go minimal fast / JS minimal | $(ratio "$(wall go-minimal-fast)" "$(wall js-minimal)") | $(ratio "$(cpu go-minimal-fast)" "$(cpu js-minimal)") |"
fi
echo "| Go reference / minimal, fast (target <= 1.3) | $(ratio "$(wall go-reference-fast)" "$(wall go-minimal-fast)") | $(ratio "$(cpu go-reference-fast)" "$(cpu go-minimal-fast)") |"
echo "| Go reference / minimal, stock | $(ratio "$(wall go-reference-stock)" "$(wall go-minimal-stock)") | $(ratio "$(cpu go-reference-stock)" "$(cpu go-minimal-stock)") |"
echo "| Go reference stock / fast | $(ratio "$(wall go-reference-stock)" "$(wall go-reference-fast)") | $(ratio "$(cpu go-reference-stock)" "$(cpu go-reference-fast)") |"
echo "| Go reference nocache / fast (what the code cache saves) | $(ratio "$(wall go-reference-nocache)" "$(wall go-reference-fast)") | $(ratio "$(cpu go-reference-nocache)" "$(cpu go-reference-fast)") |"
echo "| Go reference wrapper / fast (what the direct runtime saves) | $(ratio "$(wall go-reference-wrapper)" "$(wall go-reference-fast)") | $(ratio "$(cpu go-reference-wrapper)" "$(cpu go-reference-fast)") |"
echo
echo "- jsii requests of the reference stack (bench/js/calls.js):"
node bench/js/calls.js "$WORK/trace-reference.txt" | sed 's/^/    /'
echo "- CPU split in fast mode: minimal ${SPLIT[minimal]}; reference ${SPLIT[reference]}"
echo "- where a warm reference run's wall time goes (fast, block medians, ms from the helper's start): kernel started and provider loaded $(field go-reference-fast preload_ms), stacks built (the jsii round trips) $(field go-reference-fast build_ms), synthesized $(field go-reference-fast synth_ms), kernel closed $(field go-reference-fast close_ms); minimal: $(field go-minimal-fast preload_ms) / $(field go-minimal-fast build_ms) / $(field go-minimal-fast synth_ms) / $(field go-minimal-fast close_ms)"
echo "- Go vs JavaScript output, minimal: $eq_min; reference: $eq_ref"
echo "- left in TMPDIR after bench/cmd/synth: ${left_synth:-nothing}; after the main binary: ${left_main:-nothing}"
echo "- go test -short -count=1 ./... (warm build cache): $t_short; deploy tier alone: $t_deploy"
