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
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
jar=${TOKENSCOPE_JAR:-$root/target/tokenscope.jar}
[ -f "$jar" ] || { echo "no $jar: run mvn -q -B package -Dmaven.test.skip=true" >&2; exit 2; }
[ $# -ge 4 ] || { echo "usage: $0 JWKS TOKENS ISS AUD [INVALID_OUT]" >&2; exit 2; }
jwks=$1 tokens=$2 iss=$3 aud=$4 invalid_out=${5:-}
# A short batch run is dominated by start-up and JIT warm-up: serial GC (no GC threads to start) and an AppCDS archive
# (classes pre-parsed, made on first use next to the jar: 0.3 s less start-up) are what a packaged CLI would use too.
cds=${TOKENSCOPE_CDS:-$(dirname "$jar")/tokenscope-verify.jsa}
# The installed package's options (packaging/build.sh, ./tokenscope): serial GC, client compiler only, and the
# native crypto library unpacked at build time.
opts=${TOKENSCOPE_JAVA_OPTS:--XX:+UseSerialGC -XX:TieredStopAtLevel=1}
native=$(dirname "$jar")/native
if [ -f "$native/libamazonCorrettoCryptoProvider.so" ]; then
  opts="$opts -Djava.library.path=$native -Dcom.amazon.corretto.crypto.provider.useExternalLib=true"
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
printf '{"issuer":"%s","jwks_uri":"%s"}\n' "$iss" "$jwks" >"$tmp/meta.json"
if [ ! -f "$cds" ] && [ -z "${TOKENSCOPE_NO_CDS:-}" ]; then
  # One throw-away run to record which classes the verifier loads.
  java -XX:ArchiveClassesAtExit="$cds" $opts -jar "$jar" verify --offline --metadata "$tmp/meta.json" --jwks "$jwks" \
    --audience "$aud" "$tokens" >/dev/null 2>&1 || true
fi
share=()
if [ -f "$cds" ] && [ -z "${TOKENSCOPE_NO_CDS:-}" ]; then share=(-XX:SharedArchiveFile="$cds" -Xshare:auto); fi
set +e
# shellcheck disable=SC2086
java "${share[@]}" $opts -jar "$jar" verify --offline --metadata "$tmp/meta.json" --jwks "$jwks" --audience "$aud" \
  --failures-only ${TOKENSCOPE_VERIFY_ARGS:-} "$tokens" >"$tmp/out" 2>"$tmp/err"
rc=$?
set -e
if [ "$rc" -gt 1 ]; then cat "$tmp/err" >&2; exit "$rc"; fi
summary=$(tail -n 1 "$tmp/out")
case "$summary" in summary:*) ;; *) echo "tokenscope verify printed no summary" >&2; cat "$tmp/err" >&2; exit 2 ;; esac
field() { sed -n "s/.*[[:space:]]$1=\([^[:space:]]*\).*/\1/p" <<<"$summary"; }
lines=$(sed -n 's/^summary: lines=\([0-9]*\).*/\1/p' <<<"$summary")
if [ -n "$invalid_out" ]; then grep -v '^summary:' "$tmp/out" | cut -d: -f1 >"$invalid_out" || true; fi
echo "peer=tokenscope valid=$(field valid) invalid=$(($(field invalid) + $(field undetermined))) tokens=$lines loop_s=$(field seconds)"
