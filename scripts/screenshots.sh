#!/usr/bin/env bash
# Renders the GUI's main states at 1366×768 (a laptop) (valid, Graph token, expired, ID token, malformed, dark theme) into PNGs under Xvfb.
# Usage: scripts/screenshots.sh [OUTPUT_DIR]   (default: assets/screenshots). Needs xvfb and libgtk-3-0.
set -euo pipefail
dir=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
out=${1:-$dir/assets/screenshots}
command -v xvfb-run >/dev/null || { echo "needs xvfb-run (apt-get install -y xvfb libgtk-3-0)" >&2; exit 2; }
# The renderer (dev.tokenscope.ui.Screenshots) is test code: it is not shipped in the application's jar.
if [ ! -f "$dir/target/tokenscope.jar" ] || [ ! -f "$dir/target/test-classes/dev/tokenscope/ui/Screenshots.class" ] \
    || [ -n "$(find "$dir/src" "$dir/pom.xml" -newer "$dir/target/tokenscope.jar" -print -quit)" ]; then
  (cd "$dir" && mvn -q -B package -DskipTests)
fi
cd "$dir"   # the samples menu also reads assets/samples of the working directory
xvfb-run -a -s "-screen 0 1366x768x24" java -Dprism.order=sw -cp "$dir/target/test-classes:$dir/target/tokenscope.jar" dev.tokenscope.ui.Screenshots "$out"
