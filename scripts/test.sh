#!/usr/bin/env bash
# Runs every test of the solution against a real local RabbitMQ, Redis and PostgreSQL (installed from Debian's
# packages and started when missing), then prints one closing line "N passed, N failed" summed over all test
# assemblies.
# Exits non-zero when anything failed or did not build.
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

source scripts/infra.sh
ensure_infra
# The deployment manifests are validated by a Node.js script against the Compose and Kubernetes schemas.
npm ci --prefix deploy/validate --no-audit --no-fund --loglevel=error >/dev/null

results="artifacts/test-results"
rm -rf "$results"
status=0
dotnet test KktMessaging.sln -c Release \
  --logger "trx;LogFilePrefix=tests" --logger "console;verbosity=normal" \
  --results-directory "$results" --blame-hang-timeout 15m "$@" || status=$?

passed=0
failed=0
shopt -s nullglob
for trx in "$results"/*.trx; do
  counters=$(grep -o '<Counters [^>]*>' "$trx" || true)
  count() { echo "$counters" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*' || echo 0; }
  passed=$((passed + $(count passed)))
  failed=$((failed + $(count failed) + $(count error) + $(count timeout) + $(count aborted)))
done
echo "$passed passed, $failed failed"
if [ "$status" -ne 0 ] || [ "$failed" -ne 0 ] || [ "$passed" -eq 0 ]; then
  exit 1
fi
