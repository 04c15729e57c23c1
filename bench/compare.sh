#!/usr/bin/env bash
# Times ibpolicy against parliament 1.6.4 on the same generated policies,
# whole-process, side by side, and prints both times and the ratio.
# Needs: cargo, python3 (with venv and pip access to PyPI); uses hyperfine
# when installed, else repeated runs timed in Python. Peak memory from
# /usr/bin/time when present.
set -euo pipefail
cd "$(dirname "$0")/.."
work=${BENCH_DIR:-$(mktemp -d)}
runs=${RUNS:-5}

cargo build --release --locked -q
bin=$PWD/target/release/ibpolicy

if [ ! -x "$work/venv/bin/parliament" ]; then
  python3 -m venv "$work/venv"
  "$work/venv/bin/pip" install -q parliament==1.6.4
fi
parl=$work/venv/bin/parliament

for n in 1000 10000; do
  [ -d "$work/corpus-$n" ] || python3 bench/gen_corpus.py "$work/corpus-$n" "$n"
done
one=$work/corpus-1000/policy-00000.json

median() { # command... -> median wall seconds over $runs runs
  python3 - "$runs" "$@" <<'PY'
import subprocess, sys, time, statistics
runs, cmd = int(sys.argv[1]), sys.argv[2:]
ts = []
for _ in range(runs):
    t = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    ts.append(time.perf_counter() - t)
print(f"{statistics.median(ts):.4f}")
PY
}

peak_kb() {
  if [ -x /usr/bin/time ]; then
    /usr/bin/time -f "%M" "$@" 2>&1 >/dev/null | tail -n 1
  else
    echo "n/a"
  fi
}

echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -m), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
echo "ibpolicy $($bin --version | cut -d' ' -f2); parliament $($parl --version 2>/dev/null || echo 1.6.4); $runs runs each, median wall time"
printf "%-34s %12s %12s %10s\n" "input" "ibpolicy" "parliament" "ratio"
row() { # label ibpolicy-args parliament-args
  local label=$1; shift
  local a b
  a=$(median "$bin" check --format short "$1")
  b=$(median "$parl" ${2:+$2} "$1")
  printf "%-34s %11.4fs %11.4fs %9.1fx\n" "$label" "$a" "$b" "$(python3 -c "print($b/$a)")"
}
a=$(median "$bin" check --format short "$one"); b=$(median "$parl" --file "$one")
printf "%-34s %11.4fs %11.4fs %9.1fx\n" "1 policy" "$a" "$b" "$(python3 -c "print($b/$a)")"
for n in 1000 10000; do
  a=$(median "$bin" check --format short "$work/corpus-$n")
  b=$(median "$parl" --directory "$work/corpus-$n" --include_policy_extension json)
  printf "%-34s %11.4fs %11.4fs %9.1fx\n" "$n policies (directory)" "$a" "$b" "$(python3 -c "print($b/$a)")"
done
echo "peak memory (max RSS, KiB): ibpolicy 10000 files: $(peak_kb "$bin" check --format short "$work/corpus-10000"); parliament 1000 files: $(peak_kb "$parl" --directory "$work/corpus-1000" --include_policy_extension json)"
# Linearity: time per file at 1000 vs 10000, and for one file 10x larger.
big=$work/big.json
python3 - "$one" "$big" <<'PY'
import json, sys
p = json.load(open(sys.argv[1]))
p["Statement"] = p["Statement"] * 10
json.dump(p, open(sys.argv[2], "w"), indent=2)
PY
echo "one policy 10x larger: ibpolicy $(median "$bin" check --format short "$big")s"
echo "corpus and venv in $work"
