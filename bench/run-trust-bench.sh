#!/usr/bin/env bash
# Trust-chain benchmark (issue 3): paste -> verdict with a warm cache, and cold against a loopback HTTPS server
# that delays every response by 100 ms. Measured, not asserted. Options go to TrustBench:
#   --warm N (2000)  --cold N (30)  --latency MS (100)
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B test-compile
cp_file=target/trust-bench.classpath
mvn -q -B dependency:build-classpath -Dmdep.outputFile="$cp_file" -Dmdep.includeScope=test
exec java -Xss1m -cp "target/test-classes:target/classes:$(cat "$cp_file")" dev.tokenscope.bench.TrustBench "$@"
