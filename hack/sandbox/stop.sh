#!/usr/bin/env bash
# `make stop`: stop what `make run` started. The sandbox process stops the node (its pods, containerd, the kubelet), the
# emulators and the local control plane on SIGTERM; an install into a KUBECONFIG cluster is uninstalled.
set -uo pipefail
cd "$(dirname "$0")/../.." || exit 1
run_dir="${RUN_DIR:-.run}"
pidfile="$run_dir/sandbox.pid"
if [ -f "$pidfile" ] && pid=$(cat "$pidfile") && kill -0 "$pid" 2>/dev/null; then
  kill -TERM "$pid"
  # Pods get their termination grace, then the control plane stops: allow a minute before forcing.
  for _ in $(seq 1 600); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  if kill -0 "$pid" 2>/dev/null; then
    echo "the sandbox (pid $pid) did not stop within 60 s: killing it; its watchdogs stop the rest"
    kill -KILL "$pid"
  fi
fi
rm -f "$pidfile"
if [ -f "$run_dir/cluster-install" ]; then
  dotnet hack/sandbox/S1IdentityK8s.Sandbox/bin/Release/net10.0/S1IdentityK8s.Sandbox.dll "$run_dir" stop
fi
echo "stopped"
