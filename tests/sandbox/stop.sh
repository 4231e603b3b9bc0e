#!/usr/bin/env bash
# `make stop`: stop what `make run` started (the sandbox stops its collector and emulators on SIGTERM).
set -uo pipefail
cd "$(dirname "$0")/../.."
pidfile=.run/sandbox.pid
if [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; then
  kill -TERM "$(cat "$pidfile")"
  for _ in $(seq 1 100); do kill -0 "$(cat "$pidfile" 2>/dev/null)" 2>/dev/null || break; sleep 0.1; done
fi
rm -f "$pidfile"
echo "stopped"
