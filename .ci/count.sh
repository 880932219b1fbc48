#!/usr/bin/env bash
# Reads one test run's log and prints its totals as "LABEL: N passed, N failed", where
# failed counts everything that did not pass: failures, and tests skipped, todo, flaky,
# interrupted or that did not run. A run that exited non-zero without a failure counted
# in its log counts as one failure.
#
#   .ci/count.sh bun LOG EXIT        one line per workspace, from turbo's "pkg:test: " prefixes
#   .ci/count.sh playwright LABEL LOG EXIT
set -euo pipefail

kind=$1
if [ "$kind" = bun ]; then
  label='' log=$2 status=${3:-0}
else
  label=$2 log=$3 status=${4:-0}
fi

# Colours off, carriage returns gone, then one awk pass over the summary lines.
sed -e 's/\x1b\[[0-9;]*[A-Za-z]//g' -e 's/\r$//' "$log" | awk -v kind="$kind" -v label="$label" -v status="$status" '
  function add(who, word, n) {
    if (!(who in seen)) { seen[who] = 1; order[++count] = who }
    if (word == "pass" || word == "passed") passed[who] += n
    else { failed[who] += n; if (word != "fail" && word != "failed") other[who] = other[who] sprintf(", %d %s", n, word) }
  }
  kind == "bun" && match($0, /^[^ ]+:test: +[0-9]+ (pass|fail|skip|todo|error|errors)$/) {
    who = $1; sub(/:test:$/, "", who)
    add(who, $3, $2)
    next
  }
  # turbo --continue names the workspaces whose tests exited non-zero.
  kind == "bun" && match($0, /^ *Failed: +[^ ]+#test$/) {
    who = $2; sub(/#test$/, "", who); exited[who] = 1
    if (!(who in seen)) { seen[who] = 1; order[++count] = who }
    next
  }
  kind == "playwright" && match($0, /^ *[0-9]+ (passed|failed|flaky|skipped|did not run|interrupted)( \(.*\))?$/) {
    line = $0; sub(/^ */, "", line); sub(/ \(.*\)$/, "", line)
    n = line; sub(/ .*/, "", n); word = line; sub(/^[0-9]+ /, "", word)
    add(label, word, n + 0)
    next
  }
  END {
    if (kind == "playwright") {
      if (!(label in seen)) { seen[label] = 1; order[++count] = label }
      if (status != 0) exited[label] = 1
    }
    if (kind == "bun" && count == 0 && status != 0) { seen["bun test"] = 1; order[++count] = "bun test"; exited["bun test"] = 1 }
    for (i = 1; i <= count; i++) {
      who = order[i]
      note = other[who]
      if ((who in exited) && failed[who] + 0 == 0) { failed[who] = 1; note = note ", exited non-zero" }
      if (passed[who] + failed[who] == 0) { failed[who] = 1; note = note ", ran no test" }
      sub(/^, /, "", note)
      printf "%s: %d passed, %d failed%s\n", who, passed[who], failed[who], (note == "" ? "" : " (" note ")")
    }
  }'
