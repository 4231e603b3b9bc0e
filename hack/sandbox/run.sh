#!/usr/bin/env bash
# `make run`: the whole stack. No KUBECONFIG: a local control plane + the local pod runner + the chart +
# the example intake, against emulators (or the real tenant when S1_HOSTNAME, S1_API_TOKEN and
# SEKOIA_INTAKE_KEY are set). KUBECONFIG set: install into that cluster instead (credentials required).
# `make run-collector` (MODE=standalone): the collector binary alone, no Kubernetes.
# RUN_DIR (default .run) holds the kubeconfig, the applied intake, pod logs and the pid file.
set -euo pipefail
cd "$(dirname "$0")/../.."
mode="${1:-stack}"
run_dir="${RUN_DIR:-.run}"
if [ "$mode" = stack ] && [ -z "${KUBECONFIG:-}" ]; then
  # kube-apiserver, controller-manager, etcd, kubectl and helm: built or fetched once, then cached.
  hack/local-cluster/install.sh >/dev/null
fi
if [ -z "${S1K8S_SKIP_BUILD:-}" ]; then
  dotnet build S1IdentityK8s.sln -c Release -nologo -v q
fi
exec dotnet hack/sandbox/S1IdentityK8s.Sandbox/bin/Release/net10.0/S1IdentityK8s.Sandbox.dll "$run_dir" "$mode"
