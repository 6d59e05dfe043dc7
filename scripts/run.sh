#!/usr/bin/env bash
# Runs KktMessaging with the OFD simulator on this machine. RabbitMQ and Redis are installed from Debian's
# packages and started when missing. The service listens on http://127.0.0.1:8080, the simulator on :8090.
# Extra arguments go to the service (for example --urls http://127.0.0.1:9000). Ctrl+C stops both.
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

source scripts/infra.sh
ensure_infra

dotnet build KktMessaging.sln -c Release -v quiet -nologo

mkdir -p .run/data
if [ -z "${Api__AdminKey:-}" ]; then
  [ -s .run/admin-key ] || head -c 24 /dev/urandom | base64 | tr -d '/+=' > .run/admin-key
  Api__AdminKey=$(cat .run/admin-key)
  export Api__AdminKey
fi
export ConnectionStrings__Buffer="${ConnectionStrings__Buffer:-Data Source=$PWD/.run/data/kkt-buffer.db}"

dotnet src/KktMessaging.OfdSimulator/bin/Release/net10.0/KktMessaging.OfdSimulator.dll > .run/ofd-simulator.log 2>&1 &
simulator=$!
echo "OFD simulator on http://127.0.0.1:8090 (pid $simulator, log .run/ofd-simulator.log)"
echo "Admin key for the admin endpoints (X-Api-Key): in .run/admin-key (or your Api__AdminKey)"
echo "Try it: dotnet src/KktMessaging.Load/bin/Release/net10.0/kkt-load.dll --count 1000"

dotnet src/KktMessaging.Service/bin/Release/net10.0/KktMessaging.Service.dll "$@" &
service=$!
# Ctrl+C or a TERM stops both processes, by their PIDs.
trap 'kill "$service" "$simulator" 2>/dev/null || true' INT TERM
trap 'kill "$simulator" 2>/dev/null || true' EXIT
status=0
wait "$service" || status=$?
wait "$service" 2>/dev/null || true
exit "$status"
