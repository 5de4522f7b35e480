#!/usr/bin/env bash
# PyJWT, python-jose and `tokenscope verify` on the unique-token corpus in turn, ROUNDS times, then the median wall
# time of each: less sensitive to a noisy neighbour than one peer's runs after another's.
# usage (from a copy of ../shared/perf with its corpus): bench/verify/interleaved.sh [ROUNDS [PEER...]]
#   PEER: pyjwt python-jose tokenscope (the default) java-floor-sig java-floor-json (floor/JavaFloor.java: the least
#   a Java 17 program must do for this corpus, a lower bound for tokenscope)
set -euo pipefail
rounds=${1:-7}
shift || true
peers=("$@")
[ ${#peers[@]} -gt 0 ] || peers=(pyjwt python-jose tokenscope)
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
[ -f corpus/expect.env ] || { echo "run from a copy of ../shared/perf with its corpus (./peers.sh --setup)" >&2; exit 2; }
# shellcheck disable=SC1091
. corpus/expect.env
out=$(mktemp)
trap 'rm -f "$out"' EXIT
for _ in $(seq "$rounds"); do
  for p in "${peers[@]}"; do
    s=$(date +%s%N)
    case $p in
      pyjwt) /usr/bin/python3 peers/python/pyjwt_verify.py corpus/jwks.json corpus/tokens.jwt "$ISS" "$AUD" >/dev/null ;;
      python-jose) /usr/bin/python3 peers/python/jose_verify.py corpus/jwks.json corpus/tokens.jwt "$ISS" "$AUD" >/dev/null ;;
      tokenscope) "$here/tokenscope-peer.sh" corpus/jwks.json corpus/tokens.jwt "$ISS" "$AUD" >/dev/null ;;
      java-floor-sig|java-floor-json) "$here/floor/floor.sh" "${p#java-floor-}" corpus/jwks.json corpus/tokens.jwt "$ISS" "$AUD" >/dev/null ;;
      *) echo "unknown peer $p" >&2; exit 2 ;;
    esac
    echo "$p $(( ($(date +%s%N) - s) / 1000000 ))" >>"$out"
  done
done
/usr/bin/python3 - "$out" <<'PY'
import collections, statistics, sys
runs = collections.defaultdict(list)
for line in open(sys.argv[1]):
    name, ms = line.split()
    runs[name].append(int(ms))
base = statistics.median(runs["pyjwt"])
for name, ms in runs.items():
    m = statistics.median(ms)
    print(f"{name:12s} median {m / 1000:.3f} s  (runs: {' '.join(str(x) for x in sorted(ms))} ms)  {base / m:.2f}x PyJWT")
PY
