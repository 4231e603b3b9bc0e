#!/usr/bin/env bash
# `make run`: the whole stack. No KUBECONFIG: a local cluster (control plane + a real node: containerd,
# runc, kubelet, kube-proxy) running the images of `make images`, the chart and the example intake,
# against emulators (or the real tenant when S1_HOSTNAME, S1_API_TOKEN and SEKOIA_INTAKE_KEY are set).
# KUBECONFIG set: install into that cluster instead (credentials required; the images must be pullable there).
# `make run-collector` (MODE=standalone): the collector binary alone, no Kubernetes.
# RUN_DIR (default .run) holds the kubeconfig, the applied intake and the pid file.
# S1K8S_SKIP_BUILD=1 skips the build and `make images` (the tests set it right after `make test` built both).
set -euo pipefail
cd "$(dirname "$0")/../.."
mode="${1:-stack}"
run_dir="${RUN_DIR:-.run}"
local_cluster=false
if [ "$mode" = stack ] && [ -z "${KUBECONFIG:-}" ]; then
  local_cluster=true
  # kube-apiserver, the node's binaries, etcd, containerd, kubectl and helm: built or fetched once, then cached.
  hack/local-cluster/install.sh >/dev/null
fi
if [ -z "${S1K8S_SKIP_BUILD:-}" ]; then
  dotnet build hack/sandbox/S1IdentityK8s.Sandbox -c Release -nologo -v q
  [ "$mode" = standalone ] && dotnet build collector/S1IdentityK8s.Collector -c Release -nologo -v q
  # The local node runs the operator and collector from these images (warm: nothing to do).
  $local_cluster && hack/images/build.sh
fi
exec dotnet hack/sandbox/S1IdentityK8s.Sandbox/bin/Release/net10.0/S1IdentityK8s.Sandbox.dll "$run_dir" "$mode"
