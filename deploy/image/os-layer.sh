#!/usr/bin/env bash
# Writes the operating-system part of the JVM image's base as a tar: the few files of a Debian `minbase`
# the JVM needs, taken from the packages' own file lists. Called by build-jvm-image.sh, which caches the tar
# under a hash of this script, the suite and the mirror (debootstrap takes about a minute and needs root).
#
#   os-layer.sh OUT.tar SUITE MIRROR
#
# What is kept, and why nothing else:
#   libc6    glibc: the only shared libraries the jlinked JVM links against (libc, libm, libdl, libpthread,
#            librt, ld.so; zlib and the rest are inside the JDK). Not its gconv modules, docs or translations.
#   libc-bin only the C.UTF-8 locale, so LANG=C.UTF-8 gives the JVM UTF-8 file names and console.
#   dash     /bin/sh for run-java.sh.
#   base-files os-release and debian_version, so scanners can tell what the image is made of.
# Left out: apt, dpkg, perl, coreutils, bash, docs, man pages, other locales, timezone data (the JVM
# brings its own tzdb), certificates (the JVM brings its own cacerts).
set -euo pipefail

out=${1:?usage: os-layer.sh OUT.tar SUITE MIRROR}
suite=${2:?suite}
mirror=${3:?mirror}

work=$(mktemp -d "${TMPDIR:-/tmp}/merchantdesk-os-layer.XXXXXX")
cleanup() {
  # debootstrap mounts /proc and /sys inside the tree; unmount anything still there before deleting it.
  awk -v root="$work/" 'index($2, root) == 1 { print $2 }' /proc/mounts | sort -r | while read -r mnt; do
    umount -l "$mnt" 2>/dev/null || true
  done
  rm -rf --one-file-system "$work"
}
trap cleanup EXIT

rootfs=$work/rootfs
echo "os-layer: debootstrap --variant=minbase $suite from $mirror (about a minute)" >&2
if ! debootstrap --variant=minbase "$suite" "$rootfs" "$mirror" > "$work/debootstrap.log" 2>&1; then
  tail -20 "$work/debootstrap.log" >&2
  echo "os-layer: debootstrap failed (log above)" >&2
  exit 1
fi

info=$rootfs/var/lib/dpkg/info
list() { cat "$info/$1.list" 2>/dev/null || cat "$info/$1:amd64.list"; }
{
  # bookworm's merged /usr: /bin, /sbin, /lib, /lib64 are symlinks into /usr; the file lists still use the
  # old paths, so they are mapped to where the files really are and the four links are kept as they are.
  printf '%s\n' /bin /sbin /lib /lib64
  list libc6 | grep -vE '/gconv(/|$)|^/usr/share/(doc|lintian|locale)(/|$)'
  list libc-bin | grep -E '^/usr/lib/locale/C\.utf8(/|$)|^/usr/lib/locale$'
  list dash | grep -vE '^/usr/share/(doc|man|menu|lintian)(/|$)'
  printf '%s\n' /etc/os-release /usr/lib/os-release /etc/debian_version /etc/host.conf
} | sed -E 's#^/(bin|sbin|lib|lib64)/#/usr/\1/#; s#^/##' | grep -vE '^\.?$' | sort -u > "$work/keep"

# Every kept path must exist: a package that moved a file would otherwise drop it silently.
missing=0
while read -r path; do
  [ -e "$rootfs/$path" ] || [ -L "$rootfs/$path" ] || { echo "os-layer: missing $path" >&2; missing=1; }
done < "$work/keep"
[ "$missing" -eq 0 ] || exit 1

tar --numeric-owner --no-recursion -C "$rootfs" -cf "$out.tmp" -T "$work/keep"
mv "$out.tmp" "$out"
echo "os-layer: $(wc -l < "$work/keep") paths, $(du -h "$out" | cut -f1) written to $out" >&2
