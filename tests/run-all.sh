#!/usr/bin/env bash
# The project's whole test command (`make test`): prerequisites, format and warning gates, every test
# project, then one closing line `N passed, M failed` summed over all of them.
set -uo pipefail
cd "$(dirname "$0")/.."
results=$(mktemp -d)
trap 'rm -rf "$results"' EXIT

step() { printf '\n=== %s\n' "$*"; }

# Prerequisites (apt packages, kube-apiserver build, helm): idempotent and cached outside the repo.
if [ -x hack/local-cluster/install.sh ]; then
  step "control plane prerequisites"
  hack/local-cluster/install.sh || { echo "control plane install failed"; echo "0 passed, 1 failed"; exit 1; }
fi

step "build (warnings are errors)"
dotnet build S1IdentityK8s.sln -c Release -warnaserror -nologo -v q || { echo "0 passed, 1 failed"; exit 1; }

step "images (make images)"
hack/images/build.sh || { echo "0 passed, 1 failed"; exit 1; }

step "dotnet format --verify-no-changes"
dotnet format S1IdentityK8s.sln --verify-no-changes --no-restore -v q || { echo "format check failed: run 'dotnet format S1IdentityK8s.sln'"; echo "0 passed, 1 failed"; exit 1; }

# What every project's product processes, namespaces and state directories wrote, and the secrets the tests
# handed them: the secret sweep, run last, reads it all (tests/S1IdentityK8s.SecretSweep.Tests).
export S1K8S_EVIDENCE_DIR="$results/evidence"
sweep=tests/S1IdentityK8s.SecretSweep.Tests/S1IdentityK8s.SecretSweep.Tests.csproj
status=0
for proj in $(find tests -name '*.Tests.csproj' ! -path "$sweep" | sort) "$sweep"; do
  name=$(basename "$proj" .csproj)
  step "$name"
  # A hung test must not eat CI's whole budget: one test running 20 minutes is killed, its project failed.
  dotnet test "$proj" -c Release --no-build --nologo --blame-hang-timeout 20m --blame-hang-dump-type none \
    --logger "trx;LogFileName=$name.trx" --results-directory "$results" \
    ${S1K8S_TEST_FILTER:+--filter "$S1K8S_TEST_FILTER"} || status=1
done

# What the sweep read, so a run's log shows it was not empty.
if [ -d "$S1K8S_EVIDENCE_DIR" ]; then
  printf '\nsecret sweep evidence:'
  for kind in "$S1K8S_EVIDENCE_DIR"/*/; do
    printf ' %s %s files (%s)' "$(basename "$kind")" "$(find "$kind" -type f | wc -l)" "$(du -sh "$kind" | cut -f1)"
  done
  echo
fi

passed=0; failed=0; skipped=0; errored=0; crashed=()
counter() { local v; v=$(sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p" <<<"$2"); echo "${v:-0}"; }
for proj in $(find tests -name '*.Tests.csproj' | sort); do
  name=$(basename "$proj" .csproj); trx="$results/$name.trx"
  # A project that crashed or hung before writing its results still fails the run, and is named.
  if [ ! -f "$trx" ]; then crashed+=("$name"); continue; fi
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  total=$(counter total "$counters"); executed=$(counter executed "$counters")
  p=$(counter passed "$counters"); f=$(counter failed "$counters")
  e=$(( $(counter error "$counters") + $(counter timeout "$counters") + $(counter aborted "$counters") ))
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0})); errored=$((errored + e))
  skipped=$((skipped + ${total:-0} - ${executed:-0}))
done
errored=$((errored + ${#crashed[@]}))
[ "$status" -ne 0 ] && [ "$failed" -eq 0 ] && [ "$errored" -eq 0 ] && errored=1
echo
echo "skipped ${skipped}, errored ${errored}${crashed:+ (no results: ${crashed[*]})}, filter: ${S1K8S_TEST_FILTER:-none (every test)}"
echo "$passed passed, $((failed + errored)) failed"
exit $status
