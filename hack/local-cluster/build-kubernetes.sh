#!/usr/bin/env bash
# Builds the Kubernetes binaries of the local cluster (control plane and node) from Debian's `kubernetes` source package, offline,
# into $S1K8S_CACHE_DIR/<debian-source-version>/bin. Run under install.sh's lock; builds in a temp
# folder and moves each binary into place atomically, so a reader never sees a half-written cache.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
# shellcheck source-path=SCRIPTDIR source=common.sh
. "$here/common.sh"

kube_binaries_present "$(current_version)" && exit 0

# A private deb-src list derived from the machine's own Debian sources, so /etc/apt stays untouched.
apt_dir="$S1K8S_CACHE_DIR/.apt-src"
mkdir -p "$apt_dir/sources" "$apt_dir/lists/partial"
if [ -f /etc/apt/sources.list.d/debian.sources ]; then
  sed -E 's/^Types:.*$/Types: deb-src/' /etc/apt/sources.list.d/debian.sources >"$apt_dir/sources/debian-src.sources"
elif [ -f /etc/apt/sources.list ]; then
  sed -nE 's/^deb (.*)$/deb-src \1/p' /etc/apt/sources.list >"$apt_dir/sources/debian-src.list"
else
  die "found no Debian sources under /etc/apt to derive a deb-src list from"
fi
apt_opts=(-o Dir::Etc::SourceList=/dev/null -o "Dir::Etc::SourceParts=$apt_dir/sources"
  -o "Dir::State::Lists=$apt_dir/lists" -o Debug::NoLocking=true)
# apt's download sandbox user cannot write into root's cache folder; download as ourselves instead.
[ "$(id -u)" -eq 0 ] && apt_opts+=(-o APT::Sandbox::User=root)
log "updating the private deb-src lists"
apt-get "${apt_opts[@]}" update -q >&2
version="$(apt-cache "${apt_opts[@]}" showsrc kubernetes | sed -n 's/^Version: //p' | sort -V | tail -1)"
[ -n "$version" ] || die "Debian's archive offers no kubernetes source package"

if ! kube_binaries_present "$version"; then
  work="$(mktemp -d "${TMPDIR:-/tmp}/s1k8s-kube-build.XXXXXX")"
  trap 'rm -rf "$work"' EXIT
  log "fetching the kubernetes $version source package into $work"
  (cd "$work" && apt-get "${apt_opts[@]}" source -q "kubernetes=$version" >&2)
  src="$(find "$work" -mindepth 1 -maxdepth 1 -type d -name 'kubernetes-*' | head -1)"
  [ -d "$src/vendor" ] || die "the source package has no vendor/ folder"

  # With Go >= 1.18 the vendored reflect2 1.0.1 crashes the apiserver (`fatal error: fault`) on the
  # first custom-resource write: use Debian's newer reflect2 and json-iterator instead.
  for pkg in github.com/modern-go/reflect2 github.com/json-iterator/go; do
    rm -rf "${src:?}/vendor/$pkg"
    mkdir -p "$src/vendor/$pkg"
    rsync -a --exclude '*_test.go' "/usr/share/gocode/src/$pkg/" "$src/vendor/$pkg/"
  done

  log "building ${S1K8S_KUBE_BINARIES[*]} (about 8 minutes on 2 cores)"
  (cd "$src" && GOPROXY=off GOFLAGS=-mod=vendor CGO_ENABLED=0 GOCACHE="$work/gocache" GOPATH="$work/gopath" \
    make WHAT="${S1K8S_KUBE_BINARIES[*]/#/cmd/}" >&2)
  out="$src/_output/bin"
  for b in "${S1K8S_KUBE_BINARIES[@]}"; do
    [ -x "$out/$b" ] || die "the build produced no $b"
    atomic_install "$out/$b" "$S1K8S_CACHE_DIR/$version/bin/$b"
  done
fi
printf '%s\n' "$version" | atomic_write "$S1K8S_CACHE_DIR/current"
log "${S1K8S_KUBE_BINARIES[*]} $version cached in $S1K8S_CACHE_DIR/$version/bin"
