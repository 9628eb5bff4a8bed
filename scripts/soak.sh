#!/usr/bin/env bash
# Soak test: the game server under a steady load with connection churn for MINUTES minutes, then
# two checks on the quiet server: its send-buffer pool has no slice outstanding, and its heap
# after a full GC has not grown since the start. Documented in dummyclient/README.md ("Soak");
# not part of the build or CI.
#
# Builds nothing. Build the two jars first:
#   mvn -q -pl gameserver,dummyclient -am package -DskipTests
#
# Usage: scripts/soak.sh MINUTES          (MINUTES > 0, decimals allowed)
# Exit status: 0 when both checks pass and the players were served throughout; 1 when not
# (each failure is named); 2 for bad usage or a missing jar or tool.
#
# Knobs (environment): SOAK_CLIENTS (200 players), SOAK_ROOMS (4), SOAK_ATTACKERS (20 per attack),
# SOAK_CYCLE_RATE (5 connections a second per attacker), SOAK_WARMUP (30 s), SOAK_HEAP_SLACK_MIB (2),
# SOAK_SERVER_HEAP (256m), SOAK_DIR (where the logs go; a new temporary folder by default).
set -euo pipefail

die() { echo "soak: $*" >&2; exit 2; }

[[ $# -eq 1 && $1 =~ ^[0-9]+([.][0-9]+)?$ ]] || die "usage: scripts/soak.sh MINUTES (a number above 0)"
MINUTES=$1
SECONDS_OF_LOAD=$(awk -v m="$MINUTES" 'BEGIN { printf "%d", m * 60 }')
(( SECONDS_OF_LOAD > 0 )) || die "usage: scripts/soak.sh MINUTES (a number above 0)"

ROOT=$(cd "$(dirname "$0")/.." && pwd)
SERVER_JAR=$ROOT/gameserver/target/gameserver.jar
CLIENT_JAR=$ROOT/dummyclient/target/dummyclient.jar
for jar in "$SERVER_JAR" "$CLIENT_JAR"; do
  [[ -f $jar ]] || die "$jar not found; build first: mvn -q -pl gameserver,dummyclient -am package -DskipTests"
done
command -v java >/dev/null || die "java not found"
command -v jcmd >/dev/null || die "jcmd not found (it comes with a JDK): it triggers the full GCs"

CLIENTS=${SOAK_CLIENTS:-200}
ROOMS=${SOAK_ROOMS:-4}
ATTACKERS=${SOAK_ATTACKERS:-20}
CYCLE_RATE=${SOAK_CYCLE_RATE:-5}
WARMUP=${SOAK_WARMUP:-30}
SLACK_MIB=${SOAK_HEAP_SLACK_MIB:-2}
SERVER_HEAP=${SOAK_SERVER_HEAP:-256m}
DIR=${SOAK_DIR:-$(mktemp -d "${TMPDIR:-/tmp}/soak.XXXXXX")}
mkdir -p "$DIR"
LOG=$DIR/server.log

java -Xmx"$SERVER_HEAP" -jar "$SERVER_JAR" --host 127.0.0.1 --port 0 --stats-interval 1 >"$LOG" 2>&1 &
SERVER_PID=$!
stop_server() {
  if kill -0 "$SERVER_PID" 2>/dev/null; then
    kill "$SERVER_PID"          # SIGTERM: the server shuts down gracefully
    wait "$SERVER_PID" || true
  fi
}
trap stop_server EXIT

# Waits up to $1 seconds until the server log has a line matching $2 after line $3; prints it.
await_line() {
  local timeout=$1 pattern=$2 after=$3 line
  for ((i = 0; i < timeout * 10; i++)); do
    line=$(tail -n +"$((after + 1))" "$LOG" | grep -m1 -E "$pattern" || true)
    if [[ -n $line ]]; then
      echo "$line"
      return 0
    fi
    kill -0 "$SERVER_PID" 2>/dev/null || die "the server exited; see $LOG"
    sleep 0.1
  done
  die "no line matching '$pattern' in $LOG within $timeout s"
}

PORT=$(await_line 30 'gameserver listening on' 0 | sed -E 's/.*listening on [^ ]*:([0-9]+).*/\1/')

# The swarm: steady players, and attackers that churn (enter, chat, leave cleanly) and reset
# (enter, chat, RST mid-traffic), each at CYCLE_RATE connections a second.
swarm() {
  local seconds=$1 name=$2
  java -jar "$CLIENT_JAR" --host 127.0.0.1 --port "$PORT" --clients "$CLIENTS" --rooms "$ROOMS" \
    --chat-rate 1 --move-rate 2 --ping-interval 5 --duration "$seconds" \
    --attack churn,reset --attackers "$ATTACKERS" --cycle-rate "$CYCLE_RATE" \
    --json "$DIR/$name.json" >"$DIR/$name.out" 2>&1
}

# Once the load is gone (no session left), a full GC, then the first stats line after it:
# prints "<pool_slices> <heap_used MiB>".
quiet_figures() {
  await_line 30 'ServerStats - sessions=0 ' "$(wc -l <"$LOG")" >/dev/null
  jcmd "$SERVER_PID" GC.run >/dev/null
  local line
  line=$(await_line 10 'ServerStats - sessions=' "$(wc -l <"$LOG")")
  echo "$(sed -E 's/.*pool_slices=([0-9]+).*/\1/' <<<"$line") $(sed -E 's/.*heap_used=([0-9.]+)MiB.*/\1/' <<<"$line")"
}

# The JSON figure "key" of section "section" in a swarm's summary.
figure() {
  grep -o "\"$2\": {[^}]*}" "$DIR/$1.json" | grep -o "\"$3\": [0-9.]*" | sed -E 's/.*: //' || echo "?"
}

echo "soak: server pid $SERVER_PID on port $PORT; logs in $DIR"
echo "soak: warm-up, $WARMUP s of the same load (classes loaded, pools and tables grown)"
swarm "$WARMUP" warmup || true
FIGURES=$(quiet_figures)
read -r START_SLICES START_HEAP <<<"$FIGURES"
echo "soak: start: pool_slices=$START_SLICES heap_used=${START_HEAP} MiB after a full GC"

echo "soak: $MINUTES min of $CLIENTS players in $ROOMS rooms, with churn and reset by $ATTACKERS attackers each" \
  "at $CYCLE_RATE connections a second"
SWARM_STATUS=0
swarm "$SECONDS_OF_LOAD" soak || SWARM_STATUS=$?
FIGURES=$(quiet_figures)
read -r END_SLICES END_HEAP <<<"$FIGURES"

FAILED=0
echo "soak: swarm: $(grep -m1 '^RESULT' "$DIR/soak.out" || echo "no result")," \
  "$(figure soak chats sent) chats, $(figure soak attackChurn connects) churn and" \
  "$(figure soak attackReset connects) reset connections"
if (( SWARM_STATUS != 0 )); then
  FAILED=1
  sed -n '/^RESULT/,$p' "$DIR/soak.out" | tail -n +2 | sed 's/^/soak:   /'
fi
if [[ $END_SLICES == 0 ]]; then
  echo "soak: pool: OK, no send-buffer slice outstanding (pool_slices=0)"
else
  FAILED=1
  echo "soak: pool: FAILED, $END_SLICES send-buffer slices outstanding with no session left"
fi
GROWTH=$(awk -v a="$START_HEAP" -v b="$END_HEAP" 'BEGIN { printf "%.1f", b - a }')
if awk -v g="$GROWTH" -v s="$SLACK_MIB" 'BEGIN { exit !(g <= s) }'; then
  echo "soak: heap: OK, ${START_HEAP} MiB at the start, ${END_HEAP} MiB at the end after a full GC" \
    "(growth $GROWTH MiB, allowed $SLACK_MIB)"
else
  FAILED=1
  echo "soak: heap: FAILED, ${START_HEAP} MiB at the start, ${END_HEAP} MiB at the end after a full GC" \
    "(growth $GROWTH MiB, allowed $SLACK_MIB)"
fi
if (( FAILED )); then
  echo "soak: RESULT: FAILED (exit 1)"
  exit 1
fi
echo "soak: RESULT: OK (exit 0)"
