#!/usr/bin/env bash
# Removes everything one local node made, whatever state it was left in (stopped cleanly, or its test
# host killed half-way through): its processes (kubelet, kube-proxy, containerd and its shims, every
# container), the mounts under its folder (container root filesystems, volumes, pod network namespaces),
# its cgroups, its CNI cache entries and pod log folders, its network namespace (bridge, veths and
# iptables rules go with it) and the host end of its veth. Idempotent; exits non-zero, naming what is
# left, when something could not be removed.
#
# Usage: node-cleanup.sh NODE_DIR   (the folder holding node.env, written by node-network.sh and the fixture)
set -uo pipefail
node_dir="$(cd "$1" 2>/dev/null && pwd)" || exit 0
env_file="$node_dir/node.env"
[ -f "$env_file" ] || exit 0
# shellcheck disable=SC1090
. "$env_file"
log() { printf '[node-cleanup] %s\n' "$*" >&2; }
# This script, its subshells and whoever runs it (the reaper and its watchdog) carry this marker in their
# environment, so the search for the node's processes, which name the node folder too, skips them. A
# process's environment as /proc shows it is the one it was started with: re-run with the marker set.
marker="S1K8S_NODE_CLEANUP=$node_dir"
if [ "${S1K8S_NODE_CLEANUP:-}" != "$node_dir" ]; then
  S1K8S_NODE_CLEANUP="$node_dir" exec "$0" "$node_dir"
fi
ancestors=" "
p=$$
while [ "${p:-0}" -gt 1 ]; do
  ancestors+="$p "
  p="$(awk '/^PPid:/ { print $2 }' "/proc/$p/status" 2>/dev/null)"
done

pids_naming() { # live pids whose command line contains $1, except ours
  local p
  for p in /proc/[0-9]*; do
    case "$ancestors" in *" ${p#/proc/} "*) continue ;; esac
    tr '\0' ' ' <"$p/cmdline" 2>/dev/null | grep -qF -- "$1" || continue
    tr '\0' '\n' <"$p/environ" 2>/dev/null | grep -qxF -- "$marker" && continue
    echo "${p#/proc/}"
  done
}
cgroup_dirs() { # this node's cgroup folders in every v1 hierarchy, deepest first
  [ -n "${CGROUP_ROOT:-}" ] || return 0
  local h
  for h in /sys/fs/cgroup/*/; do
    [ -d "$h${CGROUP_ROOT#/}" ] && find "$h${CGROUP_ROOT#/}" -depth -type d
  done
}
cgroup_pids() { local d; cgroup_dirs | while read -r d; do cat "$d/cgroup.procs" 2>/dev/null; done | sort -u; }

# The pod sandboxes' ids name what containerd's shims and the CNI loopback plugin leave outside the
# node folder; read them while the folder is there.
sandboxes="$(ls "$node_dir/containerd/state/io.containerd.grpc.v1.cri/sandboxes" 2>/dev/null)"

# 1. Processes: the node's daemons and shims name the node folder; containers live in its cgroups.
#    Freeze nothing, just kill until none is left (a dying shim may still reap a container).
for _ in $(seq 1 50); do
  victims="$( (pids_naming "$node_dir"; cgroup_pids) | sort -u)"
  [ -z "$victims" ] && break
  # shellcheck disable=SC2086
  kill -KILL $victims 2>/dev/null
  sleep 0.1
done

# 2. Mounts under the node folder, deepest first (lazy: a mount still busy goes once released).
for _ in 1 2 3; do
  mounts="$(awk -v dir="$node_dir/" 'index($5, dir) == 1 { print $5 }' /proc/self/mountinfo | sort -r)"
  [ -z "$mounts" ] && break
  while read -r m; do umount -l "$m" 2>/dev/null; done <<<"$mounts"
done

# 3. Cgroups (empty now), deepest first.
cgroup_dirs | while read -r d; do rmdir "$d" 2>/dev/null; done

# 4. What the kubelet and the CNI plugins write outside the node folder: pod log folders (named after
#    the pod's uid, which is also a folder under the kubelet's root) and the CNI result cache.
if [ -d "$node_dir/kubelet/pods" ]; then
  for uid_dir in "$node_dir"/kubelet/pods/*/; do
    [ -d "$uid_dir" ] || continue
    uid="$(basename "$uid_dir")"
    rm -rf /var/log/pods/*_"$uid"
  done
fi
find /var/log/containers -maxdepth 1 -xtype l -delete 2>/dev/null
[ -n "${CNI_NETWORK:-}" ] && rm -f /var/lib/cni/results/"$CNI_NETWORK"-* 2>/dev/null
# A killed shim leaves its socket at /run/containerd/s/sha256(ADDRESS/NAMESPACE/SANDBOX) (containerd 1.6's
# shim.SocketAddress); the loopback plugin's result is cached under containerd's own network name.
for id in $sandboxes; do
  rm -f /var/lib/cni/results/cni-loopback-"$id"-lo
  hash="$(printf '%s' "$node_dir/containerd.sock/k8s.io/$id" | sha256sum | cut -d' ' -f1)"
  rm -f "/run/containerd/s/$hash"
done
# The shared folders the kubelet, containerd and CNI create on first use, only when nothing else uses them.
rmdir /run/containerd/s /run/containerd /var/lib/cni/results /var/lib/cni /var/log/pods /var/log/containers 2>/dev/null

# 5. The network: the namespace holds the bridge, the pods' veths and kube-proxy's rules; the host end
#    of our veth goes with its peer, but asynchronously: delete it ourselves and wait.
[ -n "${NETNS:-}" ] && ip netns delete "$NETNS" 2>/dev/null
if [ -n "${HOST_IF:-}" ]; then
  ip link delete "$HOST_IF" 2>/dev/null
  for _ in $(seq 1 50); do ip link show "$HOST_IF" >/dev/null 2>&1 || break; sleep 0.1; done
fi

# 6. Check, then remove the folder.
left=()
[ -n "$(pids_naming "$node_dir")" ] && left+=("processes: $(pids_naming "$node_dir" | tr '\n' ' ')")
[ -n "$(cgroup_dirs)" ] && left+=("cgroups: $(cgroup_dirs | tr '\n' ' ')")
awk -v dir="$node_dir/" 'index($5, dir) == 1 { found = 1 } END { exit !found }' /proc/self/mountinfo && left+=("mounts under $node_dir")
[ -n "${NETNS:-}" ] && [ -e "/run/netns/$NETNS" ] && left+=("network namespace $NETNS")
[ -n "${HOST_IF:-}" ] && ip link show "$HOST_IF" >/dev/null 2>&1 && left+=("interface $HOST_IF")
if [ "${#left[@]}" -gt 0 ]; then
  log "could not remove: ${left[*]}"
  exit 1
fi
rm -rf "$node_dir"
