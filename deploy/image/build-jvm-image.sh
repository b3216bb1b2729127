#!/usr/bin/env bash
# Builds merchantdesk's JVM image (src/main/docker/Dockerfile.jvm) on a base made here, without a registry:
#   1. the OS layer: glibc, C.UTF-8 and /bin/sh out of a Debian minbase debootstrap (os-layer.sh);
#   2. a Java runtime jlinked from this machine's JDK with only the modules the application uses (jdeps over
#      target/quarkus-app, ModuleDeps.java) plus those it loads by name;
#   3. the UBI OpenJDK runtime's contract, which Dockerfile.jvm expects: user 185 in group 0, /deployments
#      writable by it, java on PATH, /opt/jboss/container/java/run/run-java.sh (ours: run-java.sh);
#   4. `import` of that tree as the base image, `build` of Dockerfile.jvm on it, `save` as an archive in target/image/.
# The base is cached (engine image tag and a tar under the cache dir) by a hash of all its inputs and rebuilt
# when one changes. Works with podman (default; containers.conf beside this script) and with docker when a
# Docker engine answers.
#
#   ./mvnw package -DskipTests && deploy/image/build-jvm-image.sh
#
# Environment (all optional):
#   IMAGE            tag of the application image (default merchantdesk:jvm)
#   CONTAINER_ENGINE podman | docker (default: docker when `docker info` answers, else podman)
#   JLINK_JDK        JDK to link the runtime from (default $JAVA_HOME, else /usr/lib/jvm/temurin-25-jdk-amd64)
#   DEBIAN_SUITE     default bookworm;  DEBIAN_MIRROR  default: the mirror apt uses for that suite
#   IMAGE_CACHE      default ${XDG_CACHE_HOME:-~/.cache}/merchantdesk/image
#   CONTAINERS_CONF  podman only; default deploy/image/containers.conf
# Prints the image size; the last line is `image <tag> <base tag> <size bytes> <base size bytes>`.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
cd "$repo"

image=${IMAGE:-merchantdesk:jvm}
app=target/quarkus-app
out=target/image
cache=${IMAGE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/merchantdesk/image}
suite=${DEBIAN_SUITE:-bookworm}
jdk=${JLINK_JDK:-${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}}
say() { echo "build-jvm-image: $*" >&2; }
die() { say "$*"; exit 1; }

# --- engine ---
engine=${CONTAINER_ENGINE:-}
if [ -z "$engine" ]; then
  if command -v docker >/dev/null && docker info >/dev/null 2>&1; then engine=docker; else engine=podman; fi
fi
command -v "$engine" >/dev/null || die "$engine is not installed: install podman runc debootstrap (apt-get install -y podman runc debootstrap), or run where a Docker engine answers"
if [ "$engine" = podman ]; then
  export CONTAINERS_CONF=${CONTAINERS_CONF:-$here/containers.conf}
  pull=(--pull=never)
else
  pull=()  # docker build uses a local base as it is and never pulls it
fi

[ -f "$app/quarkus-run.jar" ] || die "no $app/quarkus-run.jar: run ./mvnw package -DskipTests first"
[ -x "$jdk/bin/jlink" ] || die "no jlink in $jdk: set JLINK_JDK (or JAVA_HOME) to a JDK 21+"
mkdir -p "$cache" "$out"

# --- the Debian mirror: the one apt already uses for the suite (deb822 .sources, then one-line .list) ---
mirror=${DEBIAN_MIRROR:-}
if [ -z "$mirror" ]; then
  mirror=$(awk -v suite="$suite" '
      /^[[:space:]]*$/ { if (ok && deb && uri) { print uri; exit } ok = 0; deb = 0; uri = ""; next }
      /^Types:/ { for (i = 2; i <= NF; i++) if ($i == "deb") deb = 1 }
      /^URIs:/ { uri = $2 }
      /^Suites:/ { for (i = 2; i <= NF; i++) if ($i == suite) ok = 1 }
      END { if (ok && deb && uri) print uri }' /etc/apt/sources.list.d/*.sources 2>/dev/null | head -1)
fi
if [ -z "$mirror" ]; then
  mirror=$(cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null |
    awk -v suite="$suite" '$1 == "deb" { i = 2; if ($2 ~ /^\[/) while ($i !~ /\]$/) i++; if ($2 ~ /^\[/) i++; if ($(i + 1) == suite) { print $i; exit } }')
fi
[ -n "$mirror" ] || die "no Debian mirror for $suite in /etc/apt/sources.list*: set DEBIAN_MIRROR"

# --- modules: what jdeps finds in the jars, plus what the application loads by name at run time ---
release=$("$jdk/bin/java" -XshowSettings:properties -version 2>&1 | sed -nE 's/^ *java\.specification\.version = ([0-9]+)$/\1/p')
jdeps_cache=$cache/jdeps
# Left out of the analysis: io.vertx:vertx-codegen, an annotation processor that Vert.x ships among its run-time
# dependencies. Only its processor refers to javac (jdk.compiler, 11 MB of ct.sym alone), and it runs inside
# javac at build time, never in the service. ContainerImageIT proves the image starts and serves without it.
libs=$(find "$app/lib" -name '*.jar' -not -name 'io.vertx.vertx-codegen-*.jar' | sort)
own=$(find "$app" -name '*.jar' -not -path "$app/lib/*" | sort)
# shellcheck disable=SC2086 # one argument per jar
found=$("$jdk/bin/java" "$here/ModuleDeps.java" "$jdeps_cache" "$release" $libs),$("$jdk/bin/java" "$here/ModuleDeps.java" "$jdeps_cache" "$release" $own)
# Not visible to jdeps, loaded by name: jdk.zipfs is the "jar:" FileSystemProvider (ServiceLoader; Quarkus
# and SmallRye open jars as file systems); jdk.naming.dns is the JNDI DNS provider Netty's resolver (Vert.x:
# the SMTP host) asks for the name servers. EC keys (ES256 tokens) need nothing more: since JDK 22 the EC
# implementation is in java.base and jdk.crypto.ec is an empty module.
extra=jdk.zipfs,jdk.naming.dns
modules=$(printf '%s,%s' "$found" "$extra" | tr ',' '\n' | grep -v '^$' | sort -u | paste -sd,)
say "modules: $modules"

# --- the base: cached under a hash of everything that goes into it ---
os_key=$(printf '%s\n' "$suite" "$mirror" "$(sha256sum < "$here/os-layer.sh")" | sha256sum | cut -c1-16)
os_tar=$cache/os-$suite-$os_key.tar
base_key=$(printf '%s\n' "$os_key" "$modules" "$(cat "$jdk/release")" "$("$jdk/bin/java" -version 2>&1)" \
  "$(sha256sum < "$here/build-jvm-image.sh")" "$(sha256sum < "$here/run-java.sh")" | sha256sum | cut -c1-16)
base=merchantdesk-base:$base_key
base_tar=$cache/base-$base_key.tar

if [ ! -f "$os_tar" ]; then
  [ "$(id -u)" -eq 0 ] || die "building the base needs root once (debootstrap); run this script with sudo, then the cache in $cache serves later runs"
  command -v debootstrap >/dev/null || die "debootstrap is not installed: install podman runc debootstrap"
  "$here/os-layer.sh" "$os_tar" "$suite" "$mirror"
fi

if [ ! -f "$base_tar" ]; then
  say "assembling base $base (jlink, about half a minute)"
  staging=$(mktemp -d "${TMPDIR:-/tmp}/merchantdesk-base.XXXXXX")
  trap 'rm -rf --one-file-system "$staging"' EXIT
  root=$staging/rootfs
  mkdir -p "$root"
  tar --numeric-owner -C "$root" -xf "$os_tar"
  "$jdk/bin/jlink" --add-modules "$modules" --output "$root/usr/lib/jvm/jre" \
    --strip-debug --no-man-pages --no-header-files --compress zip-6 \
    --generate-cds-archive
  # The CDS archive for heaps of 32 GB and more (no compressed oops) is never used under a pod's memory limit.
  rm -f "$root/usr/lib/jvm/jre/lib/server/classes_nocoops.jsa"
  # jlink's --strip-debug keeps the native symbol tables; the service needs none (5 MB of libjvm.so alone).
  if command -v strip >/dev/null; then
    find "$root/usr/lib/jvm/jre" -name '*.so' -exec strip --strip-unneeded {} +
  fi
  # The UBI OpenJDK runtime's contract
  mkdir -p "$root/opt/jboss/container/java/run" "$root/deployments" "$root/home/default" "$root/tmp" "$root/etc"
  install -m 0755 "$here/run-java.sh" "$root/opt/jboss/container/java/run/run-java.sh"
  cat > "$root/etc/passwd" <<'EOF'
root:x:0:0:root:/root:/usr/sbin/nologin
default:x:185:0:Java application user:/home/default:/usr/sbin/nologin
EOF
  cat > "$root/etc/group" <<'EOF'
root:x:0:
EOF
  printf 'passwd: files\ngroup: files\nhosts: files dns\n' > "$root/etc/nsswitch.conf"
  mkdir -p "$root/root"
  chmod 0700 "$root/root"
  chmod 1777 "$root/tmp"
  # group 0 may write too, as in UBI: OpenShift runs images under an arbitrary uid in group 0
  chown 185:0 "$root/deployments" "$root/home/default"
  chmod 0775 "$root/deployments" "$root/home/default"
  tar --numeric-owner -C "$root" -cf "$base_tar.tmp" .
  mv "$base_tar.tmp" "$base_tar"
  rm -rf --one-file-system "$staging"
  trap - EXIT
  # keep only this base and this OS layer in the cache
  find "$cache" -maxdepth 1 \( -name 'base-*.tar' -not -name "base-$base_key.tar" \) -delete
  find "$cache" -maxdepth 1 \( -name 'os-*.tar' -not -name "os-$suite-$os_key.tar" \) -delete
fi

if ! "$engine" image inspect "$base" >/dev/null 2>&1; then
  say "importing $base"
  "$engine" import -q \
    --change 'ENV PATH=/usr/lib/jvm/jre/bin:/usr/local/bin:/usr/bin:/usr/sbin' \
    --change 'ENV JAVA_HOME=/usr/lib/jvm/jre' \
    --change 'ENV LANG=C.UTF-8' \
    --change 'USER 185' \
    --change 'WORKDIR /deployments' \
    --change 'CMD ["/opt/jboss/container/java/run/run-java.sh"]' \
    "$base_tar" "$base" >/dev/null
fi

say "building $image on $base"
"$engine" build "${pull[@]}" -q --build-arg "BASE_IMAGE=$base" -f src/main/docker/Dockerfile.jvm -t "$image" . >/dev/null

# the archive: OCI layout with podman, the engine's own format with docker
if [ "$engine" = podman ]; then
  archive=$out/merchantdesk-jvm.oci.tar
  rm -f "$archive"
  podman save -q --format oci-archive -o "$archive" "$image"
else
  archive=$out/merchantdesk-jvm.tar
  docker save -o "$archive" "$image"
fi

size=$("$engine" image inspect --format '{{.Size}}' "$image")
base_size=$("$engine" image inspect --format '{{.Size}}' "$base")
say "$image: $((size / 1000000)) MB (base $((base_size / 1000000)) MB); archive $archive $(du -h "$archive" | cut -f1)"
echo "image $image $base $size $base_size"
