#!/usr/bin/env bash
# Load benchmark of the server with wrk (Debian package) on loopback: a lot of 1,000 cells, the cells list
# a map image and one state of a cell across its instruments. Prints requests/s and latency percentiles.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v wrk >/dev/null || { echo "needs wrk: apt-get install wrk" >&2; exit 3; }
WS=$(mktemp -d)
PORT=${PORT:-8097}
./solidscope ut simulate --cell battery-1 --stage formation --out "$WS/scans" >/dev/null
./solidscope ingest "$WS/scans" --lot maps --workspace "$WS" >/dev/null
./solidscope bench --populate 1000 --workspace "$WS" >/dev/null
./solidscope serve --port "$PORT" --workspace "$WS" >"$WS/serve.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null; rm -rf "$WS"' EXIT
for _ in $(seq 1 60); do curl -sf "http://127.0.0.1:$PORT/api/lots" >/dev/null && break; sleep 0.5; done
MID=$(curl -sf "http://127.0.0.1:$PORT/api/cells/battery-1/timeline" | python3 -c "import json,sys; print(json.load(sys.stdin)['states'][0]['measurements'][0]['measurement_id'])")
for url in "/api/lots/bench-1000/cells?size=100" "/api/lots/bench-1000/cells?size=1000" "/api/measurements/$MID/map.png?lo=-70&hi=-15&width=520" \
    "/api/cells/battery-1/states/formation"; do
  wrk -t2 -c8 -d15s "http://127.0.0.1:$PORT$url" >/dev/null 2>&1 || true   # warm-up: the JIT compiles the request path
  echo "== $url"
  wrk -t2 -c8 -d10s --latency "http://127.0.0.1:$PORT$url" | grep -E "Requests/sec|Latency  |  50%|  99%|Non-2xx"
done
