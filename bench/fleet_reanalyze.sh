#!/usr/bin/env bash
# Fleet re-analysis against the station's: N ultrasonic scans of 80 × 50 mm cells (bench --fleet-lot, default 10,002)
# in an embedded record, re-analysed with a stricter specification once by `solidscope reanalyze` (one process,
# sequential over measurements) and once by `solidscope fleet reanalyze` (Spark local mode, every core), each on
# its own copy of the same record, whole processes timed by /usr/bin/time; then both records exported and compared
# (every metric and verdict of every current analysis), and the fleet run repeated to show it adds nothing.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${N:-10002}
D=bench/data
WS=$D/fleet-ws
mkdir -p "$D"
./solidscope --version >/dev/null
./solidscope fleet --version 2>/dev/null
[ -d "$WS" ] || ./solidscope bench --fleet-lot "$N" --workspace "$WS"
cat > "$D/strict-spec.json" <<'JSON'
{"spec_version": 1, "name": "strict", "rules": {"infiltration": [{"metric": "count.bubble", "fail_above": 0}],
 "solidification": [], "formation": [], "comparison": []}}
JSON
rm -rf "$D/fleet-station" "$D/fleet-spark"
cp -r "$WS" "$D/fleet-station"
cp -r "$WS" "$D/fleet-spark"
echo "station: solidscope reanalyze"
/usr/bin/time -f "%e %U %S %M" -o "$D/station.time" ./solidscope reanalyze --lot "fleet-$N" --workspace "$D/fleet-station" --spec "$D/strict-spec.json" 2>/dev/null
echo "fleet: solidscope fleet reanalyze (local mode)"
/usr/bin/time -f "%e %U %S %M" -o "$D/spark.time" ./solidscope fleet reanalyze --lot "fleet-$N" --workspace "$D/fleet-spark" --spec "$D/strict-spec.json" \
  --summary "$D/spark-summary.json" 2>/dev/null
echo "fleet again (must add nothing):"
./solidscope fleet reanalyze --lot "fleet-$N" --workspace "$D/fleet-spark" --spec "$D/strict-spec.json" 2>/dev/null
for w in station spark; do
  ./solidscope export --lot "fleet-$N" --format csv --out "$D/fleet-$w.csv" --workspace "$D/fleet-$w" >/dev/null 2>&1
  cut -d, -f1-7,9- "$D/fleet-$w.csv" | sort > "$D/fleet-$w.sorted"   # all but analysis_id (numbered in another order)
done
if cmp -s "$D/fleet-station.sorted" "$D/fleet-spark.sorted"; then echo "records: identical current analyses ($(($(wc -l < "$D/fleet-station.sorted") - 1)) measurements, every metric and verdict)";
else echo "records DIFFER"; fi
/usr/bin/python3 - "$D" "$N" <<'PY'
import json, os, sys
d, n = sys.argv[1], int(sys.argv[2])
cores = os.cpu_count()
s = json.load(open(f"{d}/spark-summary.json"))
for name in ("station", "spark"):
    wall, user, sys_, rss = open(f"{d}/{name}.time").read().split()
    wall, cpu = float(wall), float(user) + float(sys_)
    print(f"{name:8s} whole process {wall:7.1f} s, {n / wall:6.1f} scans/s, {n / wall / cores:5.1f} scans/s per core ({cores} cores), "
          f"{1000 * cpu / n:5.1f} CPU ms per scan, max RSS {int(rss) // 1024} MB")
print(f"fleet job: start-up {s['startup_ms'] / 1000:.1f} s (JVM excluded: Spark session, JDBC schema), job {s['elapsed_ms'] / 1000:.1f} s, "
      f"{s['scans_per_s']} scans/s ({s['scans_per_s_per_core']} per core), {s['added']} added, {s['comparisons_added']} stage comparisons")
PY
du -sh "$WS/arrays" | sed 's/^/array store of the input record: /'
