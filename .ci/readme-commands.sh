#!/usr/bin/env bash
# Runs the README's install-and-run command verbatim (the first ```sh block under "On a fresh machine"),
# waits until the service reports ready, then stops it with SIGTERM and expects a clean exit.
set -uo pipefail
cd "$(dirname "$0")/.."

command=$(awk '/^## On a fresh machine/{f=1} f&&/^```sh/{getline; print; exit}' README.md)
[ -n "$command" ] || { echo "README has no install-and-run command"; exit 1; }
port=${README_SMOKE_PORT:-3917}
data=$(mktemp -d)
echo "README command: $command   (LEDGER_PORT=$port LEDGER_DATA_DIR=$data)"

LEDGER_PORT=$port LEDGER_DATA_DIR=$data setsid bash -c "$command" > "$data/service.log" 2>&1 &
pid=$!
ready=0
# `npm ci` rebuilds the native modules from source first: minutes on a small or busy machine.
for _ in $(seq 1 900); do
  if curl -fsS "http://127.0.0.1:$port/ready" > /dev/null 2>&1; then ready=1; break; fi
  kill -0 "$pid" 2>/dev/null || break
  sleep 1
done
if [ "$ready" -ne 1 ]; then
  echo "service did not become ready"; tail -40 "$data/service.log"
  kill -TERM -- "-$pid" 2>/dev/null; exit 1
fi
curl -fsS "http://127.0.0.1:$port/health" && echo
kill -TERM -- "-$pid"
wait "$pid"; rc=$?
# npm exits on the signal at once; the service (its child) logs "stopped" once it has closed the stores.
for _ in $(seq 1 60); do pgrep -g "$pid" > /dev/null || break; sleep 0.5; done
grep -q '"msg":"stopped"' "$data/service.log" || { echo "no clean shutdown"; tail -20 "$data/service.log"; exit 1; }
echo "README command served and stopped cleanly (exit $rc)"
rm -rf "$data"
