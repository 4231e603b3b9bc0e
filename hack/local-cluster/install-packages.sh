#!/usr/bin/env bash
# Installs the Debian packages the local cluster and `make images` need, running `apt-get update` only when
# needed: the control plane (etcd, golang to build Kubernetes), the node (containerd, runc, CNI plugins,
# iptables, conntrack, iproute2), and the image tools (umoci, skopeo, gcc and libc6-dev for the pause image).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
# shellcheck source-path=SCRIPTDIR source=common.sh
. "$here/common.sh"

wanted=(golang-go etcd-server rsync jq dpkg-dev golang-github-modern-go-reflect2-dev
  golang-github-json-iterator-go-dev openssl unzip util-linux
  containerd runc containernetworking-plugins iptables conntrack iproute2 umoci skopeo gcc libc6-dev
  lua5.1 lua-cjson prometheus)
# kubectl: these machines ship one (a 1.32 dispatcher); Debian's own client is the fallback.
command -v kubectl >/dev/null || wanted+=(kubernetes-client)
command -v npm >/dev/null || wanted+=(npm)

missing=()
for p in "${wanted[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
[ "${#missing[@]}" -eq 0 ] && exit 0

log "installing Debian packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt_install() { as_root apt-get install -y -q --no-install-recommends "${missing[@]}" >&2; }
# Packages that ship a daemon (prometheus) would start it from their postinst, e.g. a Prometheus on :9090;
# tests run their own on free loopback ports. A policy-rc.d answering 101 forbids service starts during
# the install, as container images do; one the machine already has is left alone.
if [ ! -e /usr/sbin/policy-rc.d ]; then
  printf '#!/bin/sh\nexit 101\n' | as_root tee /usr/sbin/policy-rc.d >/dev/null
  as_root chmod 755 /usr/sbin/policy-rc.d
  trap 'as_root rm -f /usr/sbin/policy-rc.d' EXIT
fi
# A fresh machine has no package lists; stale lists fail the install, so update once and retry.
if ! compgen -G '/var/lib/apt/lists/*_Packages*' >/dev/null; then
  as_root apt-get update -q >&2
fi
if ! apt_install; then
  as_root apt-get update -q >&2
  apt_install
fi
if ! command -v kubectl >/dev/null; then
  die "kubectl is missing and Debian's kubernetes-client did not provide it"
fi
