#!/usr/bin/env bash
# Measures delivery end to end on this machine: publish-to-Delivered latency at a steady 20 receipts/s, and how
# fast a backlog of 10,000 drains with an instant OFD and with a 50 ms OFD. Starts its own simulator and
# service (Release build, a fresh buffer, a vhost of its own) on loopback ports, and writes
# benchmarks/results/delivery.md. Usage: bash benchmarks/delivery.sh
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
source scripts/infra.sh
ensure_infra
dotnet build KktMessaging.sln -c Release -v quiet -nologo

work=$(mktemp -d /tmp/kkt-bench.XXXXXX)
vhost="kkt-bench-$$"
curl -fsS -u guest:guest -X PUT "http://127.0.0.1:15672/api/vhosts/$vhost" >/dev/null
curl -fsS -u guest:guest -X PUT -H 'content-type: application/json' -d '{"configure":".*","write":".*","read":".*"}' \
  "http://127.0.0.1:15672/api/permissions/$vhost/guest" >/dev/null
export RabbitMq__VirtualHost="$vhost" ConnectionStrings__Buffer="Data Source=$work/buffer.db" Ofd__BaseUrl="http://127.0.0.1:18090/"

dotnet src/KktMessaging.OfdSimulator/bin/Release/net10.0/KktMessaging.OfdSimulator.dll --urls http://127.0.0.1:18090 > "$work/simulator.log" 2>&1 &
simulator=$!
dotnet src/KktMessaging.Service/bin/Release/net10.0/KktMessaging.Service.dll --urls http://127.0.0.1:18080 > "$work/service.log" 2>&1 &
service=$!
cleanup() {
  kill "$service" "$simulator" 2>/dev/null || true
  wait "$service" "$simulator" 2>/dev/null || true
  curl -fsS -u guest:guest -X DELETE "http://127.0.0.1:15672/api/vhosts/$vhost" >/dev/null || true
}
trap cleanup EXIT
for _ in $(seq 1 120); do curl -sf http://127.0.0.1:18080/health/ready >/dev/null && break; sleep 1; done

load() { timeout 600 dotnet src/KktMessaging.Load/bin/Release/net10.0/kkt-load.dll "$@" | tail -3; }
faults() { curl -fsS -X POST -H 'content-type: application/json' -d "$1" http://127.0.0.1:18090/admin/faults >/dev/null; }
rss() { echo "$(( $(awk '/VmHWM/ {print $2}' /proc/$service/status) / 1024 )) MB"; }

{
  echo "# Delivery benchmark"
  echo
  echo "$(date -u +%Y-%m-%d), $(nproc) cores, one service process, SQLite buffer, Release build. \`bash benchmarks/delivery.sh\`"
  echo
  echo "## 1,200 receipts at 20/s, instant OFD"
  echo '```'; faults '{}'; load --count 1200 --rate 20; echo '```'
  echo
  echo "## 10,000 receipts at once, instant OFD"
  echo '```'; load --count 10000; echo '```'
  echo
  echo "## 5,000 receipts at once, OFD answering in 50 ms (16 calls in flight allow 320/s)"
  echo '```'; faults '{"latencyMs":50}'; load --count 5000; echo '```'
  echo
  echo "Peak resident memory of the service: $(rss)"
} | tee "$work/results.md"
mkdir -p benchmarks/results
cp "$work/results.md" benchmarks/results/delivery.md
