#!/usr/bin/env bash
# The footprint of the published apps (self-contained linux-x64, as `make images` ships them), per option
# set, printed as a table:
# - collector: start → gRPC health SERVING (ms, several starts), then, after a warm-up in which it
#   forwards the emulated tenant's 200 alerts, an idle minute (pollInterval 60s: one quiet cycle):
#   VmRSS at its end, private memory (RssAnon + RssShmem: what each pod adds, where the file-backed part
#   of RSS is the image's files, shared by every pod of a node), CPU (utime + stime) over it in millicores;
# - operator (--app operator|both): a leader and a standby against a local control plane (no node),
#   start → /readyz 200 for the leader, RSS, private memory and CPU after the idle minute, optionally
#   with --intakes N SentinelOneIdentityIntakes to reconcile first.
# Publish size is the app folder without *.dbg (what the image carries), and gzipped (as in the layer).
#
#   hack/footprint/measure.sh [--app collector|operator|both] [--intakes N] [VARIANT...]   (default: as-built)
#   hack/footprint/measure.sh --list
#
# Environment: FOOTPRINT_RUNS idle runs per variant, side by side (3), FOOTPRINT_STARTS timed starts (5),
# FOOTPRINT_WARMUP seconds (20), FOOTPRINT_IDLE seconds (60), FOOTPRINT_OUT work folder
# (artifacts/footprint: publishes are kept there and reused while the sources are unchanged).
# Variants marked "prototype" (trimmed) build with warnings allowed and reflection-based System.Text.Json re-enabled:
# they are for measuring only. Needs curl; --app operator also the local cluster's binaries
# (hack/local-cluster/install.sh).
set -euo pipefail
cd "$(dirname "$0")/../.."

runs=${FOOTPRINT_RUNS:-3}
starts=${FOOTPRINT_STARTS:-5}
warmup=${FOOTPRINT_WARMUP:-20}
idle=${FOOTPRINT_IDLE:-60}
out=${FOOTPRINT_OUT:-artifacts/footprint}
app=collector
intakes=0

# NAME → "MSBUILD PROPERTIES|RUNTIME ENVIRONMENT". Every variant but as-built names each setting the csproj
# files choose (GC mode, tiering, ReadyToRun, thread-pool spinning), so it measures the same thing whatever
# they say; as-built takes them as they are (Native AOT, since the collector's csproj turns it on for a
# runtime-specific publish). "jit" is the runtime's defaults for the JIT settings; "jit_build" turns AOT off.
jit_build="-p:PublishAot=false"
jit="-p:TieredCompilation=true -p:TieredPGO=true -p:PublishReadyToRun=false -p:ThreadPoolUnfairSemaphoreSpinLimit=70"
wks="-p:ServerGarbageCollection=false -p:ConcurrentGarbageCollection=false"
prototype="-p:TreatWarningsAsErrors=false -p:JsonSerializerIsReflectionEnabledByDefault=true"
declare -A variants=(
  [as-built]="|"
  [server-gc]="$jit_build $jit -p:ServerGarbageCollection=true -p:ConcurrentGarbageCollection=true|"
  [workstation-gc]="$jit_build $jit -p:ServerGarbageCollection=false -p:ConcurrentGarbageCollection=true|"
  [workstation-nonconcurrent]="$jit_build $jit $wks|"
  [conserve-memory]="$jit_build $jit $wks|DOTNET_GCConserveMemory=7"
  [gen0-budget]="$jit_build $jit $wks|DOTNET_GCgen0size=0x400000"
  [heap-hard-limit]="$jit_build $jit $wks|DOTNET_GCHeapHardLimit=0x8000000"
  [no-spin]="$jit_build $wks -p:TieredCompilation=true -p:TieredPGO=true -p:PublishReadyToRun=false -p:ThreadPoolUnfairSemaphoreSpinLimit=0|"
  [tiered-pgo-off]="$jit_build $wks -p:TieredCompilation=true -p:TieredPGO=false -p:PublishReadyToRun=false -p:ThreadPoolUnfairSemaphoreSpinLimit=70|"
  [tiered-compilation-off]="$jit_build $wks -p:TieredCompilation=false -p:TieredPGO=true -p:PublishReadyToRun=false -p:ThreadPoolUnfairSemaphoreSpinLimit=70|"
  [ready-to-run]="$jit_build $wks -p:TieredCompilation=true -p:TieredPGO=true -p:PublishReadyToRun=true -p:ThreadPoolUnfairSemaphoreSpinLimit=70|"
  [ready-to-run-pgo-off-no-spin]="$jit_build $wks -p:TieredCompilation=true -p:TieredPGO=false -p:PublishReadyToRun=true -p:ThreadPoolUnfairSemaphoreSpinLimit=0|"
  [ready-to-run-tc-off-no-spin]="$jit_build $wks -p:TieredCompilation=false -p:PublishReadyToRun=true -p:ThreadPoolUnfairSemaphoreSpinLimit=0|"
  [no-write-xor-execute]="$jit_build $wks -p:TieredCompilation=true -p:TieredPGO=false -p:PublishReadyToRun=true -p:ThreadPoolUnfairSemaphoreSpinLimit=0|DOTNET_EnableWriteXorExecute=0"
  [trimmed]="$jit_build $jit $wks -p:PublishTrimmed=true $prototype|"
  [native-aot]="$wks -p:ThreadPoolUnfairSemaphoreSpinLimit=0 -p:PublishReadyToRun=false -p:PublishAot=true|"
)
order="as-built server-gc workstation-gc workstation-nonconcurrent conserve-memory gen0-budget heap-hard-limit no-spin tiered-pgo-off tiered-compilation-off ready-to-run ready-to-run-pgo-off-no-spin ready-to-run-tc-off-no-spin no-write-xor-execute trimmed native-aot"

die() { echo "footprint: $*" >&2; exit 1; }
chosen=()
while [ $# -gt 0 ]; do
  case $1 in
    --app) app=$2; shift 2 ;;
    --intakes) intakes=$2; shift 2 ;;
    --list)
      for name in $order; do printf '%-26s %s\n' "$name" "${variants[$name]}"; done
      exit 0 ;;
    -h | --help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    -*) die "unknown option $1 (see --help)" ;;
    *) [ -n "${variants[$1]+set}" ] || die "unknown variant $1 (see --list)"; chosen+=("$1"); shift ;;
  esac
done
[ ${#chosen[@]} -gt 0 ] || chosen=(as-built)
case $app in collector | operator | both) ;; *) die "--app is collector, operator or both" ;; esac
command -v curl >/dev/null || die "curl is missing (apt-get install curl)"

mkdir -p "$out"
out=$(cd "$out" && pwd)
work=$(mktemp -d "$out/run.XXXXXX")
pids=()
cleanup() {
  local pid
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

hash() { sha256sum | cut -c1-16; }
now_ms() { echo $(($(date +%s%N) / 1000000)); }
# free_port: a loopback port nothing listens on (random, so side-by-side runs rarely collide).
free_port() {
  local port
  while :; do
    port=$((20000 + RANDOM % 20000))
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { echo "$port"; return; }
  done
}
# ticks PID: utime + stime of PID in clock ticks (fields 14 and 15 of /proc/PID/stat, after the comm).
ticks() {
  local stat fields
  stat=$(<"/proc/$1/stat")
  read -ra fields <<<"${stat##*) }"
  echo $((fields[11] + fields[12]))
}
# memory PID: "RSS PRIVATE" in kB.
memory() { awk '/^VmRSS:/ { rss = $2 } /^RssAnon:|^RssShmem:/ { private += $2 } END { print rss, private }' "/proc/$1/status"; }
# stats VALUES...: "min median max" of integers.
stats() {
  local sorted
  mapfile -t sorted < <(printf '%s\n' "$@" | sort -n)
  echo "${sorted[0]} ${sorted[$((${#sorted[@]} / 2))]} ${sorted[-1]}"
}
mb() { awk -v k="$1" 'BEGIN { printf "%.1f", k / 1024 }'; }
range_mb() { local s; read -ra s <<<"$(stats "$@")"; echo "$(mb "${s[0]}")–$(mb "${s[2]}")"; }
range() { local s; read -ra s <<<"$(stats "$@")"; echo "${s[0]}–${s[2]}"; }
median_range() { local s; read -ra s <<<"$(stats "$@")"; echo "${s[1]} (${s[0]}–${s[2]})"; }
millicores() { awk -v t="$1" -v hz="$(getconf CLK_TCK)" -v s="$idle" 'BEGIN { printf "%.1f", t / hz / s * 1000 }'; }
# wait_for SECONDS COMMAND...: polls COMMAND until it succeeds; fails after SECONDS.
wait_for() {
  local deadline=$(($(date +%s) + $1))
  shift
  until "$@"; do
    [ "$(date +%s)" -lt "$deadline" ] || return 1
    sleep 0.01
  done
}

# publish PROJECT VARIANT: prints the publish folder, reused while sources and flags are unchanged.
publish() {
  local project=$1 name=$2 props key dir
  read -ra props <<<"${variants[$name]%%|*}"
  key=$({
    echo "$project ${props[*]}"
    dotnet --version
    git rev-parse HEAD
    git diff HEAD -- collector operator common protos Directory.Build.props Directory.Packages.props
    git ls-files --others --exclude-standard -z -- collector operator common protos | xargs -0 -r sha256sum
  } | hash)
  dir=$out/publish/$project-$key
  if [ ! -f "$dir/.done" ]; then
    echo "footprint: publishing $project ($name)" >&2
    rm -rf "$dir"
    mkdir -p "$out/publish"
    dotnet publish "$project/S1IdentityK8s.${project^}" -c Release -r linux-x64 --self-contained -o "$dir/app" \
      --artifacts-path "$out/obj/$project" -p:ContinuousIntegrationBuild=true --disable-build-servers -nologo "${props[@]}" \
      >"$dir.log" 2>&1 </dev/null || { tail -30 "$dir.log" >&2; die "dotnet publish $project ($name) failed: $dir.log"; }
    mv "$dir.log" "$dir/publish.log"
    touch "$dir/.done"
  fi
  echo "$dir"
}
# size DIR: "MB GZIPPED_MB WARNINGS" of a publish.
size() {
  local bytes gzipped warnings
  bytes=$(find "$1/app" -type f ! -name '*.dbg' -printf '%s\n' | awk '{ s += $1 } END { print s }')
  gzipped=$(tar -C "$1/app" --exclude='*.dbg' -cf - . | gzip -6 | wc -c)
  warnings=$(grep -E ': warning [A-Z]+[0-9]+' "$1/publish.log" | sort -u | wc -l || true)
  awk -v b="$bytes" -v g="$gzipped" -v w="$warnings" 'BEGIN { printf "%.0f %.0f %s", b / 1e6, g / 1e6, w }'
}

# ---- collector ----
health_request=$work/health-check.bin
printf '\0\0\0\0\0' >"$health_request" # gRPC frame header of an empty HealthCheckRequest (service "")
# serving PORT: whether grpc.health.v1.Health/Check answers SERVING (message bytes 08 01).
serving() {
  [ "$(curl -s --max-time 2 --http2-prior-knowledge -H 'content-type: application/grpc' -H 'te: trailers' \
    --data-binary @"$health_request" "http://127.0.0.1:$1/grpc.health.v1.Health/Check" | od -An -tx1 | tr -d ' \n')" = 00000000020801 ]
}
forwarded() {
  curl -s --max-time 5 "http://127.0.0.1:$1/metrics" |
    awk '/^s1identity_alerts_forwarded_total/ { n += $NF } END { printf "%d", n }'
}

emulators() {
  [ -z "${emulators_pid:-}" ] || return 0
  dotnet build hack/sandbox/S1IdentityK8s.Sandbox -c Release -nologo -v q >"$work/sandbox-build.log" 2>&1 ||
    { cat "$work/sandbox-build.log" >&2; die "building the sandbox failed"; }
  dotnet hack/sandbox/S1IdentityK8s.Sandbox/bin/Release/net10.0/S1IdentityK8s.Sandbox.dll "$work/emulators" emulators \
    >"$work/emulators.log" 2>&1 &
  emulators_pid=$!
  pids+=("$emulators_pid")
  wait_for 60 test -f "$work/emulators/emulators.env" || { cat "$work/emulators.log" >&2; die "the emulators did not start"; }
  mapfile -t emulator_env <"$work/emulators/emulators.env"
}

# collector_start BIN DIR VARIANT: starts a collector with state and config in DIR; sets pid, grpc, http.
collector_start() {
  local bin=$1 dir=$2 runtime_env
  grpc=$(free_port)
  http=$(free_port)
  mkdir -p "$dir/state"
  cat >"$dir/collector.yaml" <<EOF
sentinelOne:
  hostname: $(printf '%s\n' "${emulator_env[@]}" | sed -n 's/^S1_HOSTNAME=//p')
sekoia:
  endpoint: $(printf '%s\n' "${emulator_env[@]}" | sed -n 's/^SEKOIA_ENDPOINT=//p')
stateDirectory: $dir/state
listenAddress: 127.0.0.1
http: {port: $http}
grpc: {port: $grpc}
logging: {format: text}
EOF
  read -ra runtime_env <<<"${variants[$3]#*|}"
  env "${emulator_env[@]}" "${runtime_env[@]}" "$bin" --config "$dir/collector.yaml" >"$dir/log" 2>&1 &
  pid=$!
  pids+=("$pid")
}

collector_variant() {
  local name=$1 dir bin i begin start_ms=() start_cpu=() rss=() private=() cpu=() alerts=() run_pids=() run_http=() before=()
  dir=$(publish collector "$name")
  bin=$dir/app/S1IdentityK8s.Collector
  emulators
  for i in $(seq "$starts"); do
    begin=$(now_ms)
    collector_start "$bin" "$work/start-$name-$i" "$name"
    wait_for 30 serving "$grpc" || { cat "$work/start-$name-$i/log" >&2; die "collector ($name) never answered SERVING"; }
    start_ms+=($(($(now_ms) - begin)))
    start_cpu+=($(($(ticks "$pid") * 1000 / $(getconf CLK_TCK))))
    kill "$pid"
    wait "$pid" || true
  done
  for i in $(seq "$runs"); do
    collector_start "$bin" "$work/idle-$name-$i" "$name"
    run_pids+=("$pid")
    run_http+=("$http")
  done
  sleep "$warmup"
  for i in "${!run_pids[@]}"; do before+=("$(ticks "${run_pids[$i]}")"); done
  sleep "$idle"
  for i in "${!run_pids[@]}"; do
    cpu+=($(($(ticks "${run_pids[$i]}") - before[i])))
    read -r r p < <(memory "${run_pids[$i]}")
    rss+=("$r")
    private+=("$p")
    alerts+=("$(forwarded "${run_http[$i]}")")
    kill "${run_pids[$i]}"
  done
  for i in "${!run_pids[@]}"; do wait "${run_pids[$i]}" || true; done
  local cpu_low cpu_high sizes
  read -r cpu_low _ cpu_high <<<"$(stats "${cpu[@]}")"
  read -ra sizes <<<"$(size "$dir")"
  printf '| %s | %s | %s | %s | %s | %s | %s | %s–%s | %s |\n' "$name" "${sizes[0]} (${sizes[1]})" "${sizes[2]}" \
    "$(median_range "${start_ms[@]}")" "$(median_range "${start_cpu[@]}")" "$(range_mb "${rss[@]}")" "$(range_mb "${private[@]}")" \
    "$(millicores "$cpu_low")" "$(millicores "$cpu_high")" "$(range "${alerts[@]}")" >>"$work/collector.md"
}

# ---- operator ----
control_plane() {
  [ -z "${control_plane_pid:-}" ] || return 0
  hack/local-cluster/install.sh >/dev/null
  dotnet build hack/sandbox/S1IdentityK8s.Sandbox -c Release -nologo -v q >"$work/sandbox-build.log" 2>&1 ||
    { cat "$work/sandbox-build.log" >&2; die "building the sandbox failed"; }
  dotnet hack/sandbox/S1IdentityK8s.Sandbox/bin/Release/net10.0/S1IdentityK8s.Sandbox.dll "$work/control-plane" control-plane \
    >"$work/control-plane.log" 2>&1 &
  control_plane_pid=$!
  pids+=("$control_plane_pid")
  wait_for 180 test -f "$work/control-plane/control-plane.env" ||
    { cat "$work/control-plane.log" >&2; die "the control plane did not start"; }
  kubeconfig=$(sed -n 's/^KUBECONFIG=//p' "$work/control-plane/control-plane.env")
  kubectl=$(sed -n 's/^KUBECTL=//p' "$work/control-plane/control-plane.env")
  "$kubectl" --kubeconfig "$kubeconfig" apply -f charts/s1identity-operator/crds/ >/dev/null
  if [ "$intakes" -gt 0 ]; then
    echo "footprint: creating $intakes intakes" >&2
    "$kubectl" --kubeconfig "$kubeconfig" create namespace footprint >/dev/null
    {
      printf 'apiVersion: v1\nkind: Secret\nmetadata: {name: s1, namespace: footprint}\nstringData: {token: footprint-token}\n---\n'
      printf 'apiVersion: v1\nkind: Secret\nmetadata: {name: sekoia, namespace: footprint}\nstringData: {intake-key: footprint-key}\n'
      for i in $(seq "$intakes"); do
        printf -- '---\napiVersion: s1identity.dev/v1alpha1\nkind: SentinelOneIdentityIntake\nmetadata: {name: intake-%s, namespace: footprint}\n' "$i"
        printf 'spec:\n  sentinelOne: {hostname: tenant-%s.example.com, apiTokenSecretRef: {name: s1, key: token}}\n' "$i"
        printf '  sekoia: {intakeKeySecretRef: {name: sekoia, key: intake-key}}\n'
      done
    } >"$work/intakes.yaml"
    "$kubectl" --kubeconfig "$kubeconfig" apply -f "$work/intakes.yaml" >/dev/null
  fi
}
http_ok() { [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "http://127.0.0.1:$1$2")" = 200 ]; }
deployments() { [ "$("$kubectl" --kubeconfig "$kubeconfig" get deployments -n footprint --no-headers 2>/dev/null | wc -l)" -ge "$intakes" ]; }

# operator_start BIN NAME VARIANT: sets pid and port.
operator_start() {
  local runtime_env
  port=$(free_port)
  read -ra runtime_env <<<"${variants[$3]#*|}"
  env KUBECONFIG="$kubeconfig" POD_NAME="$2" POD_NAMESPACE=default ASPNETCORE_HTTP_PORTS="$port" "${runtime_env[@]}" \
    "$1" >"$work/$2.log" 2>&1 &
  pid=$!
  pids+=("$pid")
}

operator_variant() {
  local name=$1 dir bin begin ready leader standby leader_port standby_port role r p before=() results=()
  dir=$(publish operator "$name")
  bin=$dir/app/S1IdentityK8s.Operator
  control_plane
  begin=$(now_ms)
  operator_start "$bin" "footprint-leader-$name" "$name"
  leader=$pid leader_port=$port
  wait_for 120 http_ok "$leader_port" /readyz || { cat "$work/footprint-leader-$name.log" >&2; die "operator ($name) never ready"; }
  ready=$(($(now_ms) - begin))
  operator_start "$bin" "footprint-standby-$name" "$name"
  standby=$pid standby_port=$port
  wait_for 120 http_ok "$standby_port" /healthz || die "standby operator ($name) never healthy"
  if [ "$intakes" -gt 0 ]; then
    wait_for 900 deployments || die "the operator ($name) did not create $intakes Deployments in 15 minutes"
  fi
  sleep "$warmup"
  before=("$(ticks "$leader")" "$(ticks "$standby")")
  sleep "$idle"
  for role in leader standby; do
    pid=${!role}
    read -r r p < <(memory "$pid")
    results+=("$role $r $p $(($(ticks "$pid") - before[${#results[@]}]))")
  done
  kill "$standby" "$leader"
  wait "$standby" "$leader" || true
  local sizes
  read -ra sizes <<<"$(size "$dir")"
  for row in "${results[@]}"; do
    read -r role r p cpu <<<"$row"
    printf '| %s | %s | %s | %s | %s | %s | %s | %s |\n' "$name" "$role" "${sizes[0]} (${sizes[1]})" "${sizes[2]}" \
      "$([ "$role" = leader ] && echo "$ready" || echo -)" "$(mb "$r")" "$(mb "$p")" "$(millicores "$cpu")" >>"$work/operator.md"
  done
}

for name in "${chosen[@]}"; do
  [ "$app" = operator ] || collector_variant "$name"
  [ "$app" = collector ] || operator_variant "$name"
done

echo "Footprint on $(nproc) cores (load average $(cut -d' ' -f1-3 /proc/loadavg)), $(date -u +%Y-%m-%dT%H:%MZ), commit $(git rev-parse --short HEAD)$([ -z "$(git status --porcelain)" ] || echo -dirty)"
if [ -f "$work/collector.md" ]; then
  echo
  echo "Collector: $starts starts, then $runs runs side by side: ${warmup}s warm-up (200 alerts), ${idle}s idle"
  echo "| variant | publish MB (gz) | warnings | start → SERVING ms, median (range) | CPU until SERVING ms | RSS MB | private MB | idle CPU millicores | alerts forwarded |"
  echo "| --- | --- | --- | --- | --- | --- | --- | --- | --- |"
  cat "$work/collector.md"
fi
if [ -f "$work/operator.md" ]; then
  echo
  echo "Operator: leader and standby, $intakes intakes, ${warmup}s warm-up, ${idle}s idle"
  echo "| variant | role | publish MB (gz) | warnings | start → ready ms | RSS MB | private MB | idle CPU millicores |"
  echo "| --- | --- | --- | --- | --- | --- | --- | --- |"
  cat "$work/operator.md"
fi
