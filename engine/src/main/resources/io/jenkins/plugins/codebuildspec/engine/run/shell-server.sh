# The shell server of ShellServerExecutor: started once per build where commands cannot be started one
# by one cheaply (inside a container reached through `docker exec`), it runs the commands the build
# asks for, one at a time. Needs only sh, mkfifo and env (coreutils or busybox).
# Usage: sh shell-server.sh DIR   (DIR on a file system that the build's own JVM sees too)
dir=$1
[ -p "$dir/requests" ] || mkfifo -m 600 "$dir/requests" || { echo "shell server: no mkfifo" > "$dir/failed"; exit 97; }
# Read and write: the open never blocks, and the pipe never reports end of file between requests.
exec 3<>"$dir/requests"
# The PATH of where the server runs (the image's), which the build starts from instead of the agent's.
printf '%s' "$PATH" > "$dir/path"
: > "$dir/ready"
while IFS= read -r id <&3; do
  case $id in
    exit) break ;;
    '' | *[!0-9]*) continue ;;
  esac
  # The command's own environment only, as a fresh process would get it; the server's pipe stays here.
  # The script comes on standard input, opened before the output file is created: once that exists,
  # the script's file (it holds the command's variables) can go. The script gives the command /dev/null.
  env -i /bin/sh -s < "$dir/$id.run" > "$dir/$id.out" 2>&1 3<&-
  # One write of the code and its newline: the reader takes the code once the newline is there.
  echo $? > "$dir/$id.rc"
done
exit 0
