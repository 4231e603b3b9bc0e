#!/usr/bin/env bash
# `make images`: the collector, operator and pause images as archives in artifacts/images/, built with
# no Docker daemon and no registry (our machines have neither). A base root filesystem from Debian
# .debs (debian-base.sh), the apps from a self-contained `dotnet publish`, one layer each and the
# config made with umoci, the archive written by oci-archive.sh; artifacts/images/images.json lists them.
# Reproducible: every time stamp is SOURCE_DATE_EPOCH (default: the HEAD commit's time), so the same
# inputs give the same digests. Fast when nothing changed: each layer and image is keyed by a hash of
# its inputs and not rebuilt when that key is already built; dotnet publish is incremental.
set -euo pipefail
umask 022
cd "$(dirname "$0")/../.."

here=hack/images
registry=ghcr.io/s1identityk8s
source_url=https://github.com/s1identityk8s/s1identityk8s
all_images="collector operator pause"
images=${S1K8S_IMAGES:-$all_images}      # a subset, e.g. "pause" (the reproducibility test builds that)
out=${S1K8S_IMAGES_OUT:-artifacts/images} # where the archives, images.json and the build state go
work=$out/.build
layout=$work/oci

die() { echo "images: $*" >&2; exit 1; }
for name in $images; do
  [[ " $all_images " == *" $name "* ]] || die "unknown image $name (S1K8S_IMAGES holds some of: $all_images)"
done
for tool in umoci jq gcc dotnet dpkg-deb apt-get git flock; do
  command -v "$tool" >/dev/null || die "$tool is missing (apt-get install umoci skopeo jq gcc libc6-dev)"
done

version=$(sed -n 's/^appVersion: *"\{0,1\}\([^"]*\)"\{0,1\} *$/\1/p' charts/s1identity-operator/Chart.yaml)
[ -n "$version" ] || die "no appVersion in charts/s1identity-operator/Chart.yaml"
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct)}
created=$(date -u -d "@$SOURCE_DATE_EPOCH" +%Y-%m-%dT%H:%M:%SZ)
revision=$(git rev-parse HEAD)
[ -z "$(git status --porcelain)" ] || revision+=-dirty

mkdir -p "$work"
exec 9>"$work/lock"
flock 9 # one build at a time (make images and a test fixture may both start one)
[ -f "$layout/index.json" ] || umoci init --layout "$layout"

hash() { sha256sum | cut -c1-64; }
# A tree's names, link targets and contents; owners, modes and times are set by this script anyway.
tree_hash() { tar -C "$1" --sort=name --owner=0 --group=0 --numeric-owner --mtime=@0 --mode=a=r -cf - . | hash; }
scripts_hash=$(cat "$here"/*.sh | hash)
# listed WORD LIST...: whether WORD is one of LIST. (Not `... | grep -q`: with pipefail, grep quitting
# early can fail the writer with SIGPIPE, and so the test.)
listed() { local item; for item in "${@:2}"; do [ "$item" != "$1" ] || return 0; done; return 1; }
has_tag() { local all; mapfile -t all < <(umoci ls --layout "$layout"); listed "$1" "${all[@]}"; }

# new_image TAG: an image without layers, created at SOURCE_DATE_EPOCH.
new_image() {
  umoci new --image "$layout:$1"
  umoci config --image "$layout:$1" --no-history --created "$created"
}

# add_layer FROM TO DESCRIPTION FILL...: unpacks FROM, runs `FILL... ROOTFS` to add files, and tags TO
# with the difference as one more layer. Every time stamp in it is SOURCE_DATE_EPOCH.
add_layer() {
  local from=$1 to=$2 description=$3 bundle=$work/bundle
  shift 3
  rm -rf "$bundle"
  umoci unpack --image "$layout:$from" "$bundle" >/dev/null
  "$@" "$bundle/rootfs"
  find "$bundle/rootfs" -exec touch -h -d "@$SOURCE_DATE_EPOCH" {} +
  umoci repack --image "$layout:$to" --history.created "$created" --history.created_by "$description" "$bundle"
  rm -rf "$bundle"
}

fill_base() { "$here/debian-base.sh" rootfs "$1"; }
# fill_app PUBLISH EXECUTABLE ROOTFS: the app belongs to root and is read-only for everyone else, the
# user it runs as included. Modes are set rather than kept (NuGet extracts files 0744): only the
# apphost and the runtime's crash-dump helper are executables.
fill_app() {
  cp -a "$1" "$3/app"
  # A Native AOT publish (the collector) leaves its debug symbols beside the binary: not shipped.
  find "$3/app" -name '*.dbg' -delete
  chown -R 0:0 "$3/app"
  find "$3/app" -type d -exec chmod 0755 {} + -o -type f -exec chmod 0644 {} +
  chmod 0755 "$3/app/$2"
  [ ! -f "$3/app/createdump" ] || chmod 0755 "$3/app/createdump"
}
fill_pause() { install -m 0755 -o 0 -g 0 "$1" "$2/pause"; }

# publish NAME PROJECT: a self-contained linux-x64 publish into $work/publish/NAME. Its own
# --artifacts-path keeps it apart from the solution's normal build; ContinuousIntegrationBuild maps
# source paths, so the binaries do not depend on where the repository is checked out.
publish() {
  rm -rf "$work/publish/$1"
  dotnet publish "$2" -c Release -r linux-x64 --self-contained -o "$work/publish/$1" \
    --artifacts-path "$work/dotnet" -p:ContinuousIntegrationBuild=true --disable-build-servers -nologo \
    >"$work/publish-$1.log" 2>&1 </dev/null || { cat "$work/publish-$1.log" >&2; return 1; }
}

# image NAME REFERENCE LAYER_TAG KEY CONFIG...: the image NAME (tagged so in the layout) from LAYER_TAG
# with CONFIG (umoci config options), written to $out/NAME.tar; skipped when KEY was built already.
image() {
  local name=$1 reference=$2 layer=$3 key=$4
  shift 4
  if [ -f "$out/$name.tar" ] && [ "$(cat "$work/$name.key" 2>/dev/null)" = "$key" ]; then
    return
  fi
  umoci config --image "$layout:$layer" --tag "$name" --no-history --created "$created" "$@" \
    --config.label "org.opencontainers.image.source=$source_url" \
    --config.label "org.opencontainers.image.created=$created"
  "$here/oci-archive.sh" "$layout" "$name" "$reference" "$out/$name.tar"
  echo "$key" >"$work/$name.key"
}

# build_base: tags $base, the Debian base layer (shared by both apps) for the current .debs.
build_base() {
  local debs packages
  debs=$("$here/debian-base.sh" debs)
  base_key=$(printf '%s\n' "$debs" "$SOURCE_DATE_EPOCH" "$scripts_hash" | hash)
  base=base-${base_key:0:16}
  tags+=("$base")
  has_tag "$base" && return
  echo "images: assembling the Debian base"
  packages=$(sed -E 's/^([^_]+)_([^_]+)_.*/\1=\2/; s/%3a/:/' <<<"$debs" | paste -sd' ')
  new_image "$base.empty"
  add_layer "$base.empty" "$base" "debian-base.sh: $packages" fill_base
}

# build_app NAME: the image NAME from the base and its published app.
build_app() {
  local app=$1 project=S1IdentityK8s.${1^} app_key layer config
  app_key=$(printf '%s\n' "$base_key" "$(tree_hash "$work/publish/$app")" | hash)
  layer=$app.layer-${app_key:0:16}
  tags+=("$layer" "$app")
  if ! has_tag "$layer"; then
    echo "images: adding the $app layer"
    add_layer "$base" "$layer" "dotnet publish $project -c Release -r linux-x64 --self-contained" \
      fill_app "$work/publish/$app" "$project"
  fi
  case $app in
    collector) config=(--config.entrypoint "/app/$project" --config.cmd=--config --config.cmd /etc/s1identity/collector.yaml
      --config.exposedports 50051/tcp --config.exposedports 8080/tcp
      --config.label "org.opencontainers.image.description=Streams SentinelOne Singularity Identity alerts into a Sekoia.io intake") ;;
    operator) config=(--config.entrypoint "/app/$project" --config.exposedports 8080/tcp --config.env ASPNETCORE_HTTP_PORTS=8080
      --config.label "org.opencontainers.image.description=Runs a collector for each SentinelOneIdentityIntake resource") ;;
  esac
  image "$app" "$registry/$app:$version" "$layer" \
    "$(printf '%s\n' "$app_key" "$version" "$revision" "$created" "${config[*]}" | hash)" \
    "${config[@]}" --config.user 65532:65532 --config.workingdir /app \
    --config.env HOME=/home/nonroot --config.env SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt \
    --config.label "org.opencontainers.image.title=$app" \
    --config.label "org.opencontainers.image.version=$version" \
    --config.label "org.opencontainers.image.revision=$revision"
}

# build_pause: the pod sandbox image for our local kubelet (containerd's sandbox_image), one static
# binary. No revision label: it changes only when pause.c does.
build_pause() {
  local pause_key layer
  mkdir -p "$work/pause"
  gcc -static -O2 -s -Wall -Wextra -Werror -o "$work/pause/pause" "$here/pause/pause.c"
  pause_key=$(printf '%s\n' "$(hash <"$work/pause/pause")" "$SOURCE_DATE_EPOCH" "$scripts_hash" | hash)
  layer=pause.layer-${pause_key:0:16}
  tags+=("$layer" pause)
  if ! has_tag "$layer"; then
    new_image "$layer.empty"
    add_layer "$layer.empty" "$layer" "gcc -static -O2 -s pause.c" fill_pause "$work/pause/pause"
  fi
  image pause localhost/s1identityk8s/pause:1.0 "$layer" "$pause_key" \
    --config.entrypoint /pause --config.user 65535:65535 \
    --config.label org.opencontainers.image.title=pause --config.label org.opencontainers.image.version=1.0
}

# Nothing to do when no input changed since the last build of the same images: same commit, same
# changes on top of it in the folders the images are built from, same SDK. (The Debian packages are only
# re-checked when something else changed; S1K8S_IMAGES_REBUILD=1 forces a full pass.)
inputs=(collector operator common protos hack/images Directory.Build.props Directory.Packages.props global.json charts/s1identity-operator/Chart.yaml)
fingerprint=$({
  echo "$images" "$SOURCE_DATE_EPOCH" "$revision"
  dotnet --version
  git diff HEAD -- "${inputs[@]}"
  git ls-files --others --exclude-standard -z -- "${inputs[@]}" | xargs -0 -r sha256sum
} | hash)
up_to_date=true
for name in $images; do [ -f "$out/$name.tar" ] || up_to_date=false; done
if $up_to_date && [ -z "${S1K8S_IMAGES_REBUILD:-}" ] && [ "$(cat "$work/inputs.key" 2>/dev/null)" = "$fingerprint" ] && [ -f "$out/images.json" ]; then
  jq -r '.[] | "\(.reference) \(.size) \(.manifestDigest)"' "$out/images.json" |
    awk '{ printf "%-45s %7.1f MB  %s (unchanged)\n", $1, $2 / 1e6, $3 }'
  exit 0
fi

tags=()
apps=()
for app in collector operator; do
  [[ " $images " != *" $app "* ]] || apps+=("$app")
done
if [ ${#apps[@]} -gt 0 ]; then
  echo "images: publishing ${apps[*]} (self-contained, linux-x64)"
  pids=()
  for app in "${apps[@]}"; do
    publish "$app" "$app/S1IdentityK8s.${app^}" & pids+=($!)
  done
  for pid in "${pids[@]}"; do wait "$pid" || die "dotnet publish failed"; done
  build_base
  for app in "${apps[@]}"; do build_app "$app"; done
fi
[[ " $images " != *" pause "* ]] || build_pause

# After a full build, forget what it did not use, so the layout keeps only the current layers.
if [ "$images" = "$all_images" ]; then
  while read -r tag; do
    listed "$tag" "${tags[@]}" || umoci rm --image "$layout:$tag"
  done < <(umoci ls --layout "$layout")
  umoci gc --layout "$layout"
fi

# images.json and one line per image, both read from the archives themselves.
entries=()
for name in $images; do
  archive=$out/$name.tar
  index=$(tar -xOf "$archive" index.json)
  manifest=$(jq -r '.manifests[0].digest' <<<"$index")
  config_digest=$(tar -xOf "$archive" "blobs/sha256/${manifest#sha256:}" | jq -r .config.digest)
  size=$(stat -c %s "$archive")
  reference=$(jq -r '.manifests[0].annotations["io.containerd.image.name"]' <<<"$index")
  entries+=("$(jq -nc --arg reference "$reference" --arg archive "$archive" --arg manifest "$manifest" \
    --arg config "$config_digest" --argjson size "$size" \
    '{name: ($reference | sub(":[^:/]*$"; "")), tag: ($reference | sub("^.*:"; "")), reference: $reference,
      archive: $archive, manifestDigest: $manifest, configDigest: $config, size: $size}')")
  awk -v r="$reference" -v s="$size" -v m="$manifest" 'BEGIN { printf "%-45s %7.1f MB  %s\n", r, s / 1e6, m }'
done
printf '%s\n' "${entries[@]}" | jq -s . >"$out/images.json"
echo "$fingerprint" >"$work/inputs.key"
