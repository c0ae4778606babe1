#!/bin/bash
# CodeDeploy BeforeInstall hook (runs as root, before the files are copied).
# Installs Python 3 and creates the virtual environment the app runs in, with the
# packages from requirements.txt. The script runs from the revision CodeDeploy
# unpacked, so requirements.txt is found next to this script's folder.
set -euo pipefail

VENV=/opt/streamlit-calculator/venv
REVISION_DIR="$(cd "$(dirname "$0")/.." && pwd)"

if ! command -v python3 >/dev/null 2>&1; then
  if command -v dnf >/dev/null 2>&1; then
    dnf install -y python3 python3-pip
  else
    yum install -y python3 python3-pip
  fi
fi

python3 -m venv "$VENV"
"$VENV/bin/pip" install --upgrade pip
"$VENV/bin/pip" install -r "$REVISION_DIR/requirements.txt"
