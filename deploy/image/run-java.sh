#!/bin/sh
# Starts the application jar the way the UBI OpenJDK runtime's run-java.sh does, for the parts our
# Dockerfile.jvm relies on: JAVA_APP_JAR (the jar), JAVA_OPTS (replaces the default JVM options),
# JAVA_OPTS_APPEND (added after them), JAVA_ARGS and the script's own arguments (given to the application).
# `exec` makes the JVM PID 1, so SIGTERM from `podman stop` or the kubelet reaches it directly and Quarkus
# shuts down gracefully (quarkus.shutdown.timeout).
set -eu

jar=${JAVA_APP_JAR:-/deployments/quarkus-run.jar}
[ -r "$jar" ] || { echo "run-java.sh: cannot read JAVA_APP_JAR $jar" >&2; exit 1; }

# Heap sized from the container's memory limit: half of it, so that metaspace, code cache, thread stacks and
# direct buffers fit in the rest (the Deployment's limit is 512Mi). The JVM exits on an OutOfMemoryError
# instead of limping on; the orchestrator restarts it.
default_opts="-XX:MaxRAMPercentage=${JAVA_MAX_RAM_RATIO:-50} -XX:+ExitOnOutOfMemoryError"

cd /deployments
# shellcheck disable=SC2086 # the option strings are word-split on purpose, as UBI's script does
exec java ${JAVA_OPTS:-$default_opts} ${JAVA_OPTS_APPEND:-} -jar "$jar" ${JAVA_ARGS:-} "$@"
