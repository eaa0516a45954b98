#!/usr/bin/env bash
# Coverage-guided fuzzing of one entry point with afl++ and SharpFuzz (issue 13 item 3).
#   ./scripts/fuzz.sh TARGET SECONDS     e.g. ./scripts/fuzz.sh csv 300
#   ./scripts/fuzz.sh --list             the targets
# Installs afl++ from Debian and the SharpFuzz instrumenter if absent, builds fuzz/Concordat.Fuzz, instruments the
# hub's assemblies, runs afl-fuzz from the seed corpus fuzz/corpus/TARGET for SECONDS and prints the executions.
# Findings land in $FUZZ_OUT (default /tmp/concordat-fuzz/TARGET): copy a crasher into fuzz/crashers/TARGET/, fix it,
# and FuzzCorpusTests replays it for good.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$(pwd)"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
target="${1:?usage: scripts/fuzz.sh TARGET SECONDS (or --list)}"
seconds="${2:-60}"
work="${FUZZ_WORK:-/tmp/concordat-fuzz}"
out="${FUZZ_OUT:-$work/$target}"
mkdir -p "$work"

if ! command -v afl-fuzz >/dev/null 2>&1; then
  apt-get update -qq && apt-get install -y -qq afl++ >/dev/null
fi
if [ ! -x "$work/tools/sharpfuzz" ]; then
  dotnet tool install SharpFuzz.CommandLine --version 2.3.0 --tool-path "$work/tools" >/dev/null
fi

# A copy of the build to instrument, so the repository's own binaries stay as they are. FUZZ_REUSE=1 keeps the copy
# of an earlier run (when fuzzing every target in turn without changing the code).
bin="$work/bin"
if [ "${FUZZ_REUSE:-0}" != "1" ] || [ ! -f "$bin/.instrumented" ]; then
  rm -rf "$bin"
  dotnet publish fuzz/Concordat.Fuzz -c Release -nologo -clp:ErrorsOnly -o "$bin" >/dev/null
  for assembly in Concordat.Core.dll Concordat.Storage.dll Concordat.Server.dll; do
    "$work/tools/sharpfuzz" "$bin/$assembly" >/dev/null
  done
  touch "$bin/.instrumented"
fi
if [ "$target" = "--list" ]; then dotnet "$bin/concordat-fuzz.dll" --list; exit 0; fi
[ -d "fuzz/corpus/$target" ] || { echo "error: no seed corpus fuzz/corpus/$target; targets: $(dotnet "$bin/concordat-fuzz.dll" --list | tr '\n' ' ')" >&2; exit 2; }

rm -rf "$out"
# The machine is shared and has no crash reporter to configure; afl++ is told so instead of changing system settings.
export AFL_SKIP_BIN_CHECK=1 AFL_NO_AFFINITY=1 AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 \
  AFL_NO_UI=1 AFL_FORKSRV_INIT_TMOUT=120000 AFL_TRY_AFFINITY=0
afl-fuzz -i "fuzz/corpus/$target" -o "$out" -V "$seconds" -t 10000 -m none -- dotnet "$bin/concordat-fuzz.dll" "$target" >"$out.log" 2>&1 || {
  echo "afl-fuzz stopped with an error; the end of its log ($out.log):" >&2; tail -n 30 "$out.log" >&2; exit 1; }

stats="$out/default/fuzzer_stats"
execs=$(sed -n 's/^execs_done *: *//p' "$stats")
paths=$(sed -n 's/^corpus_count *: *//p' "$stats")
crashes=$(find "$out/default/crashes" -type f -name 'id:*' | wc -l)
hangs=$(find "$out/default/hangs" -type f -name 'id:*' | wc -l)
echo "$target: $execs executions in $seconds s, $paths inputs in the corpus, $crashes crashes, $hangs hangs (findings in $out/default)"
[ "$crashes" -eq 0 ]
