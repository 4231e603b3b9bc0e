#!/usr/bin/env bash
# The images' base root filesystem, taken from this machine's Debian (bookworm) packages: only what a
# self-contained .NET app needs (C/C++ runtime, zlib, OpenSSL, CA certificates, time zones). No shell,
# no package manager, no docs: we cannot pull a base image here (no registry), and a base built from
# .debs the machine already trusts keeps the images small and their contents known.
#
#   debian-base.sh debs         fetch the .debs into the cache; print "<file> sha256:<hex>" per package
#   debian-base.sh rootfs DEST  assemble the root filesystem into DEST (absent or an empty folder)
#
# The .debs are cached by file name (which holds the version) in S1K8S_DEB_CACHE
# (default ~/.cache/s1identity-k8s/debs). File times are left to the caller (build.sh).
set -euo pipefail
umask 022

packages=(libc6 libgcc-s1 libstdc++6 zlib1g libssl3 ca-certificates tzdata)
cache=${S1K8S_DEB_CACHE:-$HOME/.cache/s1identity-k8s/debs}

# Prints "<file> <sha256 hex>" for the candidate version of each package, as apt would download it.
candidates() {
  apt-get download --print-uris "${packages[@]}" | awk '{ sub(/^SHA256:/, "", $4); print $2, $4 }' | sort
}

# Makes sure each candidate .deb is in the cache, checked against the archive's SHA256.
fetch() {
  mkdir -p "$cache"
  local file sha
  while read -r file sha; do
    if [ -f "$cache/$file" ] && echo "$sha  $cache/$file" | sha256sum --quiet -c - 2>/dev/null; then
      continue
    fi
    local pkg=${file%%_*}
    (cd "$cache" && apt-get download -q -o APT::Sandbox::User=root "$pkg" >/dev/null) ||
      { echo "debian-base: cannot download $pkg (stale apt lists? try: apt-get update)" >&2; exit 1; }
    echo "$sha  $cache/$file" | sha256sum --quiet -c - || { echo "debian-base: checksum mismatch for $file" >&2; exit 1; }
  done <<<"$debs"
}

assemble() {
  local dest=$1
  [ -z "$(ls -A "$dest" 2>/dev/null)" ] || { echo "debian-base: $dest is not empty" >&2; exit 1; }
  # Merged /usr, as on any Debian 12 system: /lib and /lib64 are symlinks into /usr.
  mkdir -p "$dest/usr/lib" "$dest/usr/lib64"
  ln -s usr/lib "$dest/lib"
  ln -s usr/lib64 "$dest/lib64"
  local file sha
  while read -r file sha; do
    # What dpkg-deb -x does, except that tar is told to extract through the /lib symlinks.
    dpkg-deb --fsys-tarfile "$cache/$file" | tar -x -C "$dest" --keep-directory-symlink --same-owner --same-permissions
  done <<<"$debs"

  # The CA bundle that ca-certificates' postinst (update-ca-certificates) would write.
  mkdir -p "$dest/etc/ssl/certs" "$dest/usr/lib/ssl"
  # awk 1: each file as is, plus the final newline a file may lack (as the postinst ensures).
  find "$dest/usr/share/ca-certificates/mozilla" -name '*.crt' -print0 | LC_ALL=C sort -z |
    xargs -0 awk 1 >"$dest/etc/ssl/certs/ca-certificates.crt"
  ln -s /etc/ssl/certs/ca-certificates.crt "$dest/usr/lib/ssl/cert.pem"

  # What the runtime never uses: maintainer scripts' tools, docs, debugger helpers, iconv modules
  # (.NET has its own encodings), the individual certificates (the bundle holds them).
  rm -rf "${dest:?}"/usr/sbin "${dest:?}"/usr/bin "${dest:?}"/sbin "${dest:?}"/bin "${dest:?}"/etc/ca-certificates \
    "${dest:?}"/usr/share/{doc,man,info,lintian,gcc,gdb,ca-certificates} "${dest:?}"/usr/lib/x86_64-linux-gnu/gconv

  # Users: root, and the non-root user the apps run as (uid/gid 65532, as in distroless images).
  printf '%s\n' 'root:x:0:0:root:/root:/sbin/nologin' \
    'nonroot:x:65532:65532:nonroot:/home/nonroot:/sbin/nologin' \
    'nobody:x:65534:65534:nobody:/nonexistent:/sbin/nologin' >"$dest/etc/passwd"
  printf '%s\n' 'root:x:0:' 'nonroot:x:65532:' 'nobody:x:65534:' >"$dest/etc/group"
  # Without this file glibc asks DNS before /etc/hosts (which Kubernetes mounts).
  printf '%s\n' 'passwd: files' 'group: files' 'hosts: files dns' >"$dest/etc/nsswitch.conf"
  chmod 0644 "$dest"/etc/{passwd,group,nsswitch.conf}
  install -d -m 0700 -o 65532 -g 65532 "$dest/home/nonroot"
  install -d -m 1777 -o 0 -g 0 "$dest/tmp"
}

case ${1:-} in
  debs) debs=$(candidates); fetch; while read -r file sha; do echo "$file sha256:$sha"; done <<<"$debs" ;;
  rootfs) [ $# -eq 2 ] || { echo "usage: $0 rootfs DEST" >&2; exit 2; }; debs=$(candidates); fetch; assemble "$2" ;;
  *) echo "usage: $0 debs | rootfs DEST" >&2; exit 2 ;;
esac
