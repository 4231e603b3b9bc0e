#!/usr/bin/env bash
# shellcheck disable=SC2153 # NETNS, HOST_IF and the addresses come from the env file this script writes
# Creates the network of one local node: a network namespace named after the run, joined to the host by
# a veth pair on its own /30, with the pods' bridge inside it. Everything the node does on the network
# (containerd's CNI, kube-proxy's iptables rules, pod traffic) happens inside that namespace, so two runs
# cannot collide, the host's iptables stay untouched, and deleting the namespace removes it all. The
# namespace has routes to its bridge and to the host end of the veth only: a pod cannot reach any address
# off this machine, whatever the host's own forwarding says.
#
# Usage: node-network.sh RUN_ID ENV_FILE
# Picks a free block 10.213.N.0/24 (one that no route or address of this machine overlaps, and whose veth
# name no other run holds), and writes KEY=VALUE lines to ENV_FILE (read by node-cleanup.sh and the test
# fixture) before creating anything, so that a half-made network is still cleaned up.
set -euo pipefail
run_id="$1"; env_file="$2"
log() { printf '[node-network] %s\n' "$*" >&2; }

# A block is free when no route of this machine lies in it or covers it (other than the default route).
block_is_free() {
  local prefix="10.213.$1.0/24"
  [ -z "$(ip -4 route show table all to root "$prefix" 2>/dev/null)" ] &&
    [ -z "$(ip -4 route show table all to match "$prefix" 2>/dev/null | grep -v '^default' | grep -v '^broadcast\|^local 127\.\|^127\.' || true)" ]
}

netns="$run_id"
echo "NETNS=$netns" >"$env_file"
ip netns add "$netns"
for n in $(shuf -i 1-254); do
  block_is_free "$n" || continue
  host_if="s1kn${n}h"
  node_if="s1kn${n}n"
  # The veth's name is the block's lock: creating it fails when another run holds the block.
  cat >"$env_file" <<ENV
NETNS=$netns
HOST_IF=$host_if
BLOCK=10.213.$n.0/24
HOST_ADDRESS=10.213.$n.253
NODE_ADDRESS=10.213.$n.254
POD_SUBNET=10.213.$n.0/25
POD_GATEWAY=10.213.$n.1
ENV
  if ip link add "$host_if" type veth peer name "$node_if" netns "$netns" 2>/dev/null; then
    break
  fi
  host_if=""
done
[ -n "${host_if:-}" ] || { log "no free 10.213.N.0/24 block with a free veth name"; exit 1; }
# shellcheck disable=SC1090 # NETNS, HOST_IF and the addresses come from the file just written
. "$env_file"

# Host end first: once it is up, the /30 is local to this machine (a link route to our own veth).
ip addr add "$HOST_ADDRESS/30" dev "$HOST_IF"
ip link set "$HOST_IF" up
in_node() { ip netns exec "$NETNS" "$@"; }
in_node ip link set lo up
in_node ip link set "$node_if" name eth0
in_node ip addr add "$NODE_ADDRESS/30" dev eth0
in_node ip link set eth0 up
# The pods' bridge, with the node's gateway address, before anything is told about it.
in_node ip link add cni0 type bridge
in_node ip addr add "$POD_GATEWAY/25" dev cni0
in_node ip link set cni0 up
# Forwarding inside the namespace only: host ↔ pods and pods → the apiserver through kube-proxy's DNAT.
in_node sysctl -qw net.ipv4.ip_forward=1
# The host reaches pods (tests, emulators' replies) through the node.
ip route add "$POD_SUBNET" via "$NODE_ADDRESS" dev "$HOST_IF"

# Every address must now be local to this machine: on our veth, or inside our namespace.
for address in "$NODE_ADDRESS" "$POD_GATEWAY"; do
  route="$(ip route get "$address")"
  case "$route" in
    *"dev $HOST_IF"*) ;;
    *) log "$address is not routed to $HOST_IF: $route"; exit 1 ;;
  esac
done
case "$(ip route get "$HOST_ADDRESS")" in
  local*) ;;
  *) log "$HOST_ADDRESS is not local"; exit 1 ;;
esac
log "node network $NETNS: host $HOST_ADDRESS on $HOST_IF, node $NODE_ADDRESS, pods $POD_SUBNET"
