#!/usr/bin/env bash
# Tokenscope's batch verifier as a peer of ../shared/perf (peers.sh --extra 'tokenscope|bench/verify/tokenscope-peer.sh').
#
# usage: tokenscope-peer.sh JWKS TOKENS ISS AUD [INVALID_OUT]
# Runs `tokenscope verify` offline on TOKENS with the key set JWKS, a metadata document whose issuer is ISS (so iss is
# checked exactly, like the peers do) and the audience AUD, then prints the peers' line
#   peer=tokenscope valid=N invalid=M tokens=T loop_s=S
# (loop_s = the verifier's own wall time for reading, verifying and writing, start-up excluded) and writes the invalid
# line numbers to INVALID_OUT when given.
# env: TOKENSCOPE_JAR (default: target/tokenscope.jar of this checkout; build it with mvn -q -B package -Dmaven.test.skip=true)
#      TOKENSCOPE_JAVA_OPTS (default: the flags below)  TOKENSCOPE_VERIFY_ARGS (extra verify options, e.g. --threads 1)
set -euo pipefail
# Every step below but the root lookup (dirname, cd, pwd), `java` itself (and grep/cut for INVALID_OUT) is a bash builtin: each
# extra process costs ~10 ms here, which peers.sh would count as Tokenscope's (a first version of this script spent 130 ms
# in sed, tail, mktemp …).
root=$(cd "$(dirname -- "${BASH_SOURCE[0]}")/../.." && pwd) # absolute: the CDS archive is tied to the jar's path
jar=${TOKENSCOPE_JAR:-$root/target/tokenscope.jar}
[ -f "$jar" ] || { echo "no $jar: run mvn -q -B package -Dmaven.test.skip=true" >&2; exit 2; }
[ $# -ge 4 ] || { echo "usage: $0 JWKS TOKENS ISS AUD [INVALID_OUT]" >&2; exit 2; }
jwks=$1 tokens=$2 iss=$3 aud=$4 invalid_out=${5:-}
target=${jar%/*}
[ "$target" != "$jar" ] || target=.
# A short batch run is dominated by start-up and JIT warm-up: serial GC (no GC threads to start) and an AppCDS archive
# (classes pre-parsed, made on first use next to the jar: 0.3 s less start-up) are what a packaged CLI would use too.
cds=${TOKENSCOPE_CDS:-$target/tokenscope-verify.jsa}
# The installed package's options (packaging/build.sh, ./tokenscope): serial GC, client compiler, a 32 MB young generation
# on transparent huge pages, the native crypto library unpacked at build time.
opts=${TOKENSCOPE_JAVA_OPTS:--XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xmn32m}
[ -n "${TOKENSCOPE_JAVA_OPTS:-}" ] || [ ! -e /sys/kernel/mm/transparent_hugepage/enabled ] || opts="$opts -XX:+UseTransparentHugePages"
native=$target/native
if [ -f "$native/libamazonCorrettoCryptoProvider.so" ]; then
  opts="$opts -Djava.library.path=$native -Dcom.amazon.corretto.crypto.provider.useExternalLib=true"
fi
# The metadata document (issuer = ISS, so iss is checked exactly, like the peers do), per process, beside the jar.
meta=$target/verify-peer-meta.$$.json
trap 'rm -f "$meta"' EXIT
printf '{"issuer":"%s","jwks_uri":"%s"}\n' "$iss" "$jwks" >"$meta"
# An archive older than the jars it was made from would not load (CDS checks their sizes and times): make it again.
stale=
[ -f "$cds" ] || stale=1
for f in "$jar" "$target"/lib/*.jar; do [ "$f" -nt "$cds" ] && stale=1; done
if [ -n "$stale" ] && [ -z "${TOKENSCOPE_NO_CDS:-}" ]; then
  rm -f "$cds"
  # One throw-away run to record which classes the verifier loads.
  java -XX:ArchiveClassesAtExit="$cds" $opts -jar "$jar" verify --offline --metadata "$meta" --jwks "$jwks" \
    --audience "$aud" "$tokens" >/dev/null 2>&1 || true
fi
share=()
# JVM messages (an archive that can't be used, say one made by another JDK) go to standard error, never into the verdicts.
if [ -f "$cds" ] && [ -z "${TOKENSCOPE_NO_CDS:-}" ]; then share=(-XX:SharedArchiveFile="$cds" -Xshare:auto); fi
share+=(-Xlog:disable -Xlog:all=warning:stderr)
set +e
# shellcheck disable=SC2086
out=$(java "${share[@]}" $opts -jar "$jar" verify --offline --metadata "$meta" --jwks "$jwks" --audience "$aud" \
  --failures-only ${TOKENSCOPE_VERIFY_ARGS:-} "$tokens")
rc=$?
set -e
if [ "$rc" -gt 1 ]; then exit "$rc"; fi
# The summary is the last line; look for it in the tail only (a pattern over all of $out costs ms per 1,000 lines).
tail_part=$out
[ ${#out} -le 400 ] || tail_part=${out: -400}
summary=${tail_part##*$'\n'}
re='^summary: lines=([0-9]+) valid=([0-9]+) invalid=([0-9]+) undetermined=([0-9]+) .*seconds=([0-9.]+)'
[[ $summary =~ $re ]] || { echo "tokenscope verify printed no summary" >&2; exit 2; }
if [ -n "$invalid_out" ]; then
  if [ "$out" = "$summary" ]; then : >"$invalid_out"; else grep -v '^summary:' <<<"$out" | cut -d: -f1 >"$invalid_out"; fi
fi
echo "peer=tokenscope valid=${BASH_REMATCH[2]} invalid=$((BASH_REMATCH[3] + BASH_REMATCH[4])) tokens=${BASH_REMATCH[1]} loop_s=${BASH_REMATCH[5]}"
