#!/usr/bin/env bash
# The Java floor (JavaFloor.java) as a peer of ../shared/perf:
#   peers.sh --extra 'java-floor-json|bench/verify/floor/floor.sh json' (or sig)
# usage: floor.sh sig|json JWKS TOKENS ISS AUD [INVALID_OUT]
# Compiled against the jars of `mvn -q -B package -Dmaven.test.skip=true` (target/lib) into target/bench-floor, run
# with the options tokenscope-peer.sh uses (serial GC, client compiler, 32 MB young generation on transparent huge pages,
# AppCDS archive made on first use, the native library in place); TOKENSCOPE_JAVA_OPTS replaces the JVM options, FLOOR_NO_CDS=1 runs without the archive.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../../.." && pwd)
lib=$root/target/lib
out=$root/target/bench-floor
[ -d "$lib" ] || { echo "no $lib: run mvn -q -B package -Dmaven.test.skip=true" >&2; exit 2; }
cp=$(ls "$lib"/AmazonCorrettoCryptoProvider-*.jar "$lib"/jackson-core-*.jar "$lib"/jackson-databind-*.jar "$lib"/jackson-annotations-*.jar | tr '\n' ':')
if [ ! -f "$out/floor.jar" ] || [ "$here/JavaFloor.java" -nt "$out/floor.jar" ]; then
  rm -rf "$out" && mkdir -p "$out/classes"
  javac -d "$out/classes" -cp "$cp" "$here/JavaFloor.java"
  jar cf "$out/floor.jar" -C "$out/classes" .
fi
cp="$cp$out/floor.jar"
opts=${TOKENSCOPE_JAVA_OPTS:--XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xmn32m}
[ -n "${TOKENSCOPE_JAVA_OPTS:-}" ] || [ ! -e /sys/kernel/mm/transparent_hugepage/enabled ] || opts="$opts -XX:+UseTransparentHugePages"
opts="$opts -Djava.library.path=$root/target/native -Dcom.amazon.corretto.crypto.provider.useExternalLib=true"
cds=$out/floor-$1.jsa
share=()
if [ -z "${FLOOR_NO_CDS:-}" ]; then
  for f in "$out/floor.jar" "$lib"/*.jar; do [ "$f" -nt "$cds" ] && rm -f "$cds"; done # remade for changed jars
  # shellcheck disable=SC2086
  [ -f "$cds" ] || java -XX:ArchiveClassesAtExit="$cds" $opts -cp "$cp" JavaFloor "$@" >/dev/null 2>&1 || true
  [ -f "$cds" ] && share=(-XX:SharedArchiveFile="$cds")
fi
share+=(-Xlog:disable -Xlog:all=warning:stderr) # JVM messages never into the peer's line
# shellcheck disable=SC2086
exec java "${share[@]}" $opts -cp "$cp" JavaFloor "$@"
