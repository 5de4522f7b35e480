#!/usr/bin/env bash
# Start-up benchmark: JVM start → first window shown, Tokenscope's packaged app-image vs a bare JavaFX
# window on the same jlinked runtime, alternating, in one Xvfb session.
# Usage: bench/startup.sh [RUNS=10]            the app-image in target/dist (built when missing)
#        bench/startup.sh --installed [RUNS=7]  the installed package (/usr/bin/tokenscope, /opt/tokenscope's runtime with its CDS)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd); cd "$root"
installed=false
[ "${1:-}" = --installed ] && { installed=true; shift; }
runs=${1:-10}
mkdir -p target/bench-startup
if $installed; then
  app=/usr/bin/tokenscope; java=/opt/tokenscope/lib/runtime/bin/java
  [ -x "$app" ] && [ -x "$java" ] || { echo "install the package first (sudo apt install ./target/dist/tokenscope_*.deb)" >&2; exit 1; }
  # The bare window is compiled against JavaFX in the installed runtime.
  javac --system /opt/tokenscope/lib/runtime -d target/bench-startup bench/startup/HelloFx.java 2>/dev/null \
    || javac --module-path target/dist/fxmods --add-modules javafx.controls -d target/bench-startup bench/startup/HelloFx.java
else
  app=target/dist/image/Tokenscope/bin/Tokenscope; java=target/dist/runtime/bin/java
  [ -x "$app" ] || packaging/build.sh --app-image-only
  javac --module-path target/dist/fxmods --add-modules javafx.controls -d target/bench-startup bench/startup/HelloFx.java
fi
cat > target/bench-startup/run.sh <<EOS
set -e
for i in \$(seq $runs); do
  JAVA_TOOL_OPTIONS=-Dtokenscope.exitAfterShown=true $app 2>&1 >/dev/null | grep -o 'shown_ms=[0-9]*' | sed 's/shown_ms=/tokenscope /'
  $java -Xss1m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -cp target/bench-startup HelloFx 2>&1 | grep -o 'shown_ms=[0-9]*' | sed 's/shown_ms=/hello /'
done
EOS
xvfb-run -a -s "-screen 0 1400x900x24" bash target/bench-startup/run.sh > target/bench-startup/results.txt
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : int((a[NR/2]+a[NR/2+1])/2))}'; }
t=$(awk '$1=="tokenscope"{print $2}' target/bench-startup/results.txt | median)
h=$(awk '$1=="hello"{print $2}' target/bench-startup/results.txt | median)
echo "runs: $runs   median JVM start → window shown: tokenscope ${t} ms, bare JavaFX ${h} ms, ratio $(awk -v t="$t" -v h="$h" 'BEGIN{printf "%.2f", t/h}')"
