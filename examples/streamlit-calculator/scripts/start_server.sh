#!/bin/bash
# CodeDeploy ApplicationStart hook (runs as ec2-user).
# Starts Streamlit in the background on port 8501. Its output goes to a log file:
# a hook that leaves a background process attached to its stdout/stderr would
# keep the CodeDeploy agent waiting until the hook times out.
set -euo pipefail

APP_DIR=/home/ec2-user/streamlit-calculator
VENV=/opt/streamlit-calculator/venv
PID_FILE=/home/ec2-user/streamlit-calculator.pid
LOG_FILE=/home/ec2-user/streamlit-calculator.log

cd "$APP_DIR"
nohup "$VENV/bin/streamlit" run calculator.py \
  --server.port 8501 \
  --server.address 0.0.0.0 \
  --server.headless true \
  >"$LOG_FILE" 2>&1 </dev/null &
echo $! >"$PID_FILE"

# Fail the deployment if the server died straight away (a missing package, a syntax error).
sleep 5
if ! kill -0 "$(cat "$PID_FILE")" 2>/dev/null; then
  echo "Streamlit did not start; last lines of $LOG_FILE:" >&2
  tail -n 20 "$LOG_FILE" >&2
  exit 1
fi
echo "Streamlit calculator started (pid $(cat "$PID_FILE")) on port 8501"
