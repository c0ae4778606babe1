#!/usr/bin/env bash
# Benchmark: uploading one file (default 512 MiB of random bytes) to a local S3-compatible server
# (S3Proxy, filesystem backend, on 127.0.0.1) with the AWS CLI (`aws s3 cp`, multipart, 10 requests at
# once by default) and with the engine's S3 store, side by side in one run.
# Usage: bench/s3-upload.sh [BYTES]   (env JAVA_OPTS: JVM flags for the engine, e.g. the launcher's)
# Needs cli/target/codebuild-local.jar and engine/target/s3proxy/s3proxy.jar (both made by
# `./mvnw -B -Dcentral-only verify`), and the AWS CLI (Debian: apt-get install awscli).
set -euo pipefail
cd "$(dirname "$0")/.."
BYTES=${1:-536870912}
JAR=cli/target/codebuild-local.jar
PROXY=engine/target/s3proxy/s3proxy.jar
AWS=$(command -v /usr/bin/aws || command -v aws || true)
for f in "$JAR" "$PROXY"; do [ -f "$f" ] || { echo "missing $f: run ./mvnw -B -Dcentral-only verify" >&2; exit 2; }; done
[ -n "$AWS" ] || { echo "needs the AWS CLI (apt-get install awscli)" >&2; exit 2; }
WORK=$(mktemp -d)
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
cat > "$WORK/s3proxy.conf" <<CONF
s3proxy.endpoint=http://127.0.0.1:$PORT
s3proxy.authorization=aws-v2-or-v4
s3proxy.identity=bench
s3proxy.credential=bench-secret
jclouds.provider=filesystem
jclouds.filesystem.basedir=$WORK/data
CONF
mkdir -p "$WORK/data"
java -Xmx512m -jar "$PROXY" --properties "$WORK/s3proxy.conf" > "$WORK/s3proxy.log" 2>&1 &
PROXY_PID=$!
trap 'kill $PROXY_PID 2>/dev/null; rm -rf "$WORK"' EXIT
for _ in $(seq 100); do (exec 3<>/dev/tcp/127.0.0.1/$PORT) 2>/dev/null && break; sleep 0.2; done
export AWS_ACCESS_KEY_ID=bench AWS_SECRET_ACCESS_KEY=bench-secret AWS_DEFAULT_REGION=us-east-1
S3="$AWS --endpoint-url http://127.0.0.1:$PORT"
$S3 s3 mb s3://bench > /dev/null
head -c "$BYTES" /dev/urandom > "$WORK/artifact.zip"
CLASSES="$WORK/classes"; mkdir -p "$CLASSES"; javac -d "$CLASSES" -cp "$JAR" bench/src/S3UploadBench.java
echo "file: $BYTES bytes; AWS CLI: $($AWS --version 2>&1 | head -1)"
t0=$(date +%s%N); $S3 s3 cp --only-show-errors "$WORK/artifact.zip" s3://bench/awscli/artifact.zip; t1=$(date +%s%N)
cli_s=$(echo "scale=2; ($t1 - $t0) / 1000000000" | bc)
printf 'aws s3 cp: %s s, %s MiB/s\n' "$cli_s" "$(echo "scale=0; $BYTES / 1048576 / $cli_s" | bc)"
java ${JAVA_OPTS:-} -cp "$CLASSES:$JAR" S3UploadBench "$WORK/artifact.zip" "http://127.0.0.1:$PORT" bench 4
java ${JAVA_OPTS:-} -cp "$CLASSES:$JAR" S3UploadBench "$WORK/artifact.zip" "http://127.0.0.1:$PORT" bench 10
$S3 s3 ls s3://bench --recursive
