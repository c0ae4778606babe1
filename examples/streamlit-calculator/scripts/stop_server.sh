#!/bin/bash
# CodeDeploy ApplicationStop hook (runs as ec2-user, from the previously deployed
# revision; CodeDeploy skips it on the first deployment).
# Stops the Streamlit server start_server.sh started; succeeds when none is running.
set -uo pipefail

PID_FILE=/home/ec2-user/streamlit-calculator.pid

if [ -f "$PID_FILE" ]; then
  PID="$(cat "$PID_FILE")"
  if kill -0 "$PID" 2>/dev/null; then
    kill "$PID"
    # Give Streamlit up to 10 seconds to exit, then force it.
    for _ in $(seq 1 10); do
      kill -0 "$PID" 2>/dev/null || break
      sleep 1
    done
    kill -9 "$PID" 2>/dev/null || true
    echo "Stopped the Streamlit calculator (pid $PID)"
  fi
  rm -f "$PID_FILE"
else
  echo "No Streamlit calculator running"
fi
exit 0
