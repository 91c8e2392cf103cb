#!/usr/bin/env bash
# Runs every fuzz target of the project, one after the other, for FUZZTIME
# each (default 60s): FUZZTIME=10m scripts/fuzz.sh, or name some targets:
# scripts/fuzz.sh FuzzHandler FuzzMoney. An input that fails is written by
# go test under the package's testdata/fuzz/TARGET/, where it stays a seed
# that every plain `go test` runs: commit it with the fix.
set -euo pipefail
cd "$(dirname "$0")/.."
fuzztime=${FUZZTIME:-60s}
targets=(
  ".:FuzzInputs"
  "./db:FuzzDecodeCursor"
  "./graph/model:FuzzID"
  "./graph/model:FuzzMoney"
  "./graph/model:FuzzTime"
  "./report:FuzzCSVWriter"
  "./importer:FuzzCSV"
  "./importer:FuzzWorkbook"
  "./ingest:FuzzReadCSV"
  "./server:FuzzHandler"
)
failed=()
for t in "${targets[@]}"; do
  pkg=${t%%:*} name=${t##*:}
  if [ $# -gt 0 ] && [[ " $* " != *" $name "* ]]; then
    continue
  fi
  echo "== $name ($pkg, $fuzztime)"
  # Minimizing each new interesting input may take a minute by default;
  # a short bound keeps the time on fuzzing.
  if ! go test "$pkg" -run '^$' -fuzz "^${name}\$" -fuzztime "$fuzztime" -fuzzminimizetime 5s -parallel "${FUZZPARALLEL:-1}" >"${TMPDIR:-/tmp}/fuzz-$name.log" 2>&1; then
    failed+=("$name")
  fi
  tail -n 3 "${TMPDIR:-/tmp}/fuzz-$name.log"
done
if [ ${#failed[@]} -gt 0 ]; then
  echo "failed: ${failed[*]} (the inputs are under each package's testdata/fuzz/; the logs in ${TMPDIR:-/tmp}/fuzz-NAME.log)"
  exit 1
fi
