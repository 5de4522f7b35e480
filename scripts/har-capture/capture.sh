#!/usr/bin/env bash
# Records a HAR of the loopback MSAL-like SPA in headless Chromium (see capture.mjs), with freshly minted test
# tokens (dev.tokenscope.engine.har.ChromiumSessionTokens, valid at the tests' fixed instant 2026-03-01T12:00:00Z).
#
# Usage: scripts/har-capture/capture.sh OUT.har [SESSION_DIR]
#   writes OUT.har, and SESSION_DIR/tokens.json + SESSION_DIR/keys.json (default: target/har-session), so that
#   ./tokenscope scan OUT.har --offline --jwks SESSION_DIR/keys.json --audience 6e74172b-be56-4843-9ff4-e66a39bb12e3 --at 2026-03-01T12:00:00Z
# HAR_CAPTURE_PORT=41789 records on that loopback port (the committed test fixture was made so); default: any free port.
# Needs: node >= 20 and npm, Chromium at $CHROMIUM (default /usr/bin/chromium: apt-get install chromium), Java 17 + Maven.
# Loopback only: the server listens on 127.0.0.1 and Chromium runs with background networking off.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
out=${1:?usage: capture.sh OUT.har [SESSION_DIR]}
session=${2:-$root/target/har-session}
chromium=${CHROMIUM:-/usr/bin/chromium}
case "$out" in /*) ;; *) out=$PWD/$out ;; esac
case "$session" in /*) ;; *) session=$PWD/$session ;; esac

die() { echo "har-capture: $*" >&2; exit 1; }
[ -x "$chromium" ] || die "no Chromium at $chromium (Debian: apt-get install -y chromium; or set CHROMIUM=/path/to/chrome)"
command -v node >/dev/null || die "node is not installed (node >= 20 is needed)"
command -v npm >/dev/null || die "npm is not installed"

# playwright-core, pinned by package-lock.json (it never downloads a browser: Debian's Chromium is used).
if [ ! -f "$here/node_modules/playwright-core/package.json" ] || [ "$here/package-lock.json" -nt "$here/node_modules/.package-lock.json" ]; then
  (cd "$here" && timeout 180 npm ci --no-audit --no-fund --loglevel=error) || die "npm ci in $here failed (is the npm registry reachable?)"
fi

# The test classes and runtime jars, for minting the tokens with the tests' Tokens helper.
if [ ! -f "$root/target/test-classes/dev/tokenscope/engine/har/ChromiumSessionTokens.class" ] || ! ls "$root"/target/lib/*.jar >/dev/null 2>&1; then
  echo "har-capture: building the classes (mvn -DskipTests package)…" >&2
  (cd "$root" && mvn -q -B -DskipTests package) >&2 || die "mvn package failed"
fi
mkdir -p "$session" "$(dirname "$out")"
java -cp "$root/target/test-classes:$root/target/classes:$root/target/lib/*" dev.tokenscope.engine.har.ChromiumSessionTokens "$session" >/dev/null \
  || die "could not mint the session tokens"

timeout 120 node "$here/capture.mjs" --tokens "$session/tokens.json" --out "$out" --chromium "$chromium" --timeout-ms 90000 --port "${HAR_CAPTURE_PORT:-0}" \
  || die "the capture failed or timed out (see above)"
[ -s "$out" ] || die "no HAR written to $out"
