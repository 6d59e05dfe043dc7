# Installs (from Debian's packages) and starts the local RabbitMQ, Redis and PostgreSQL the service and the tests
# use. Source it, then call ensure_infra. Everything listens on 127.0.0.1 only; servers already running are reused.

KKT_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
KKT_RUN_DIR="${KKT_RUN_DIR:-$KKT_ROOT/.run}"
REDIS_PORT="${REDIS_PORT:-6379}"
PG_PORT="${PG_PORT:-5432}"
# Outside the checkout: the postgres user must reach it, and a checkout under /root is closed to it.
KKT_PG_DIR="${KKT_PG_DIR:-/var/tmp/kkt-postgres}"

log() { printf '[infra] %s\n' "$*" >&2; }

ensure_packages() {
  local missing=()
  command -v rabbitmq-server >/dev/null 2>&1 || missing+=(rabbitmq-server)
  command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
  command -v curl >/dev/null 2>&1 || missing+=(curl)
  ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
  command -v npm >/dev/null 2>&1 || missing+=(nodejs npm)
  [ ${#missing[@]} -eq 0 ] && return 0
  log "installing ${missing[*]} from Debian's packages"
  [ "$(id -u)" = 0 ] || { log "installing packages needs root"; return 1; }
  apt-get update -q >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}" >/dev/null
}

rabbitmq_env() {
  export RABBITMQ_CONFIG_FILE="$KKT_ROOT/scripts/rabbitmq.conf"
  export ERL_EPMD_ADDRESS=127.0.0.1
  export RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}"
}

rabbitmq_answers() {
  curl -fsS -u guest:guest -o /dev/null --max-time 2 http://127.0.0.1:15672/api/overview 2>/dev/null
}

start_rabbitmq() {
  if rabbitmq_answers; then
    log "RabbitMQ is running"
    return 0
  fi
  rabbitmq_env
  log "starting RabbitMQ"
  rabbitmq-plugins enable --offline rabbitmq_management rabbitmq_shovel rabbitmq_shovel_management >/dev/null
  rabbitmq-server -detached >/dev/null 2>&1 || true
  rabbitmqctl wait --timeout 90 "/var/lib/rabbitmq/mnesia/rabbit@$(hostname -s).pid" >/dev/null
  local i
  for i in $(seq 1 60); do
    rabbitmq_answers && { log "RabbitMQ is up"; return 0; }
    sleep 1
  done
  log "RabbitMQ did not start; see /var/log/rabbitmq"
  return 1
}

start_redis() {
  if redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping >/dev/null 2>&1; then
    log "Redis is running on $REDIS_PORT"
    return 0
  fi
  mkdir -p "$KKT_RUN_DIR/redis"
  log "starting Redis on 127.0.0.1:$REDIS_PORT"
  redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --daemonize yes --dir "$KKT_RUN_DIR/redis" \
    --pidfile "$KKT_RUN_DIR/redis/redis.pid" --logfile "$KKT_RUN_DIR/redis/redis.log" --save "" --appendonly no
  local i
  for i in $(seq 1 50); do
    redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping >/dev/null 2>&1 && return 0
    sleep 0.1
  done
  log "Redis did not start; see $KKT_RUN_DIR/redis/redis.log"
  return 1
}

# A cluster of our own with trust authentication on 127.0.0.1 (user kkt): for development and tests only.
start_postgres() {
  if pg_isready -h 127.0.0.1 -p "$PG_PORT" -q 2>/dev/null; then
    log "PostgreSQL is running on $PG_PORT"
    return 0
  fi
  local bin
  bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
  if [ ! -s "$KKT_PG_DIR/PG_VERSION" ]; then
    log "creating a PostgreSQL cluster in $KKT_PG_DIR"
    mkdir -p "$KKT_PG_DIR"
    chown postgres:postgres "$KKT_PG_DIR"
    chmod 700 "$KKT_PG_DIR"
    runuser -u postgres -- "$bin/initdb" -D "$KKT_PG_DIR" -U kkt --auth=trust -E UTF8 >/dev/null
  fi
  log "starting PostgreSQL on 127.0.0.1:$PG_PORT"
  runuser -u postgres -- "$bin/pg_ctl" -D "$KKT_PG_DIR" -l "$KKT_PG_DIR/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $PG_PORT -c unix_socket_directories=$KKT_PG_DIR -c max_connections=300" start >/dev/null
}

ensure_infra() {
  ensure_packages
  start_rabbitmq
  start_redis
  start_postgres
}
