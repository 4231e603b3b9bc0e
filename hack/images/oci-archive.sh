#!/usr/bin/env bash
# Writes one image of an OCI layout as a single archive that every consumer we care about loads:
# an OCI image layout (oci-layout, index.json, blobs/sha256/...) whose index names the image the way
# containerd reads it (io.containerd.image.name), plus the Docker-style manifest.json that docker load
# (before 25.0) and kind read. That is what `docker save` writes since Docker 25; skopeo's own
# docker-archive and oci-archive outputs each carry only one of the two.
# The tar itself is made deterministic (sorted names, numeric owners, fixed times and modes), so the
# same image always gives the same archive bytes.
#
#   oci-archive.sh LAYOUT TAG REFERENCE OUT.tar   e.g. ... artifacts/images/.build/oci collector \
#                                                 ghcr.io/s1identityk8s/collector:0.1.0 collector.tar
set -euo pipefail
[ $# -eq 4 ] || { echo "usage: $0 LAYOUT TAG REFERENCE OUT.tar" >&2; exit 2; }
layout=$1 tag=$2 reference=$3 out=$4
epoch=${SOURCE_DATE_EPOCH:?SOURCE_DATE_EPOCH must be set}

descriptor=$(jq -ce --arg tag "$tag" \
  '[.manifests[] | select(.annotations["org.opencontainers.image.ref.name"] == $tag)] | if length == 1 then .[0] else error("tag \($tag) not found once") end' \
  "$layout/index.json")
manifest=$(jq -r .digest <<<"$descriptor")
blob() { echo "$layout/blobs/sha256/${1#sha256:}"; }

stage=$(mktemp -d "$(dirname "$out")/.archive.XXXXXX")
trap 'rm -rf "$stage"' EXIT
mkdir -p "$stage/blobs/sha256"
for digest in "$manifest" $(jq -r '.config.digest, .layers[].digest' "$(blob "$manifest")"); do
  ln -f "$(blob "$digest")" "$stage/blobs/sha256/${digest#sha256:}" 2>/dev/null ||
    cp "$(blob "$digest")" "$stage/blobs/sha256/${digest#sha256:}"
done

printf '{"imageLayoutVersion":"1.0.0"}' >"$stage/oci-layout"
jq -c --arg name "$reference" --arg ref "${reference##*:}" \
  '{schemaVersion: 2, mediaType: "application/vnd.oci.image.index.v1+json",
    manifests: [{mediaType, digest, size,
                 annotations: {"io.containerd.image.name": $name, "org.opencontainers.image.ref.name": $ref}}]}' \
  <<<"$descriptor" | tr -d '\n' >"$stage/index.json"
jq -c --arg name "$reference" \
  '[{Config: ("blobs/sha256/" + (.config.digest | ltrimstr("sha256:"))), RepoTags: [$name],
     Layers: [.layers[].digest | "blobs/sha256/" + ltrimstr("sha256:")]}]' \
  "$(blob "$manifest")" | tr -d '\n' >"$stage/manifest.json"

tar --create --file "$out.tmp" --directory "$stage" --format=ustar --sort=name \
  --owner=0 --group=0 --numeric-owner --mtime="@$epoch" --mode='u=rwX,go=rX' \
  blobs index.json manifest.json oci-layout
mv -f "$out.tmp" "$out"
