#!/usr/bin/env bash
# Two builds' demo dashboards side by side (BENCHMARKS.md, "Where it goes", session 7):
# each in its own tmux 120x40 with its own database; after WARM seconds, CPU (utime+stime
# of the process: the screen thread, the engine's worker thread and V8's threads) and RSS
# (start, end, peak sampled every second) over SECS seconds.
#
#   bench/profile/demo-ab.sh A_DIR B_DIR [WARM=60] [SECS=240]    # e.g. /work/main .
set -u
a=$(cd "$1" && pwd); b=$(cd "$2" && pwd); warm=${3:-60}; secs=${4:-240}
dir=$(mktemp -d /tmp/demo-ab.XXXXXX); sock=demo-ab-$$
hz=$(getconf CLK_TCK)
declare -A pid t0 r0 peak
for k in a b; do
  bin=${!k}
  tmux -L "$sock" new-session -d -s "$k" -x 120 -y 40 \
    "env -u CI TERM=xterm-256color LANG=C.UTF-8 node $bin/bin/syncdeck.js --db $dir/$k.db"
done
sleep 2
for k in a b; do pid[$k]=$(pgrep -f "^node ${!k}/bin/syncdeck.js --db $dir/$k.db" | head -1); done
sleep $((warm - 2))
for k in a b; do
  t0[$k]=$(awk '{print $14+$15}' /proc/${pid[$k]}/stat); r0[$k]=$(awk '/VmRSS/{print $2}' /proc/${pid[$k]}/status); peak[$k]=0
done
s0=$(date +%s.%N)
for _ in $(seq 1 "$secs"); do
  for k in a b; do r=$(awk '/VmRSS/{print $2}' /proc/${pid[$k]}/status); [ "$r" -gt "${peak[$k]}" ] && peak[$k]=$r; done
  sleep 1
done
s1=$(date +%s.%N)
for k in a b; do
  t1=$(awk '{print $14+$15}' /proc/${pid[$k]}/stat); r1=$(awk '/VmRSS/{print $2}' /proc/${pid[$k]}/status)
  echo "${!k} cpu%=$(echo "scale=3; ($t1 - ${t0[$k]}) * 100 / $hz / ($s1 - $s0)" | bc)" \
    "rssMB=$((${r0[$k]} / 1024))->$((r1 / 1024)) peakMB=$((${peak[$k]} / 1024))"
done
tmux -L "$sock" kill-server
rm -rf "$dir"
