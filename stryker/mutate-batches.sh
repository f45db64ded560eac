#!/usr/bin/env bash
# Runs the mutation set in batches, one Stryker run each, so that a long run leaves finished
# results behind even when it is stopped. Each batch has its own incremental file
# (stryker/incremental/<batch>.json) and report (reports/mutation/<batch>/); a rerun of a batch
# tests only the mutants that changed. `node stryker/score-table.mjs` merges the reports.
#   bash stryker/mutate-batches.sh            # every batch
#   bash stryker/mutate-batches.sh auth grants # some
#   STRYKER_ARGS=--ignoreStatic bash stryker/mutate-batches.sh   # extra Stryker flags
set -uo pipefail
cd "$(dirname "$0")/.."
declare -A BATCH=(
  [pkce]='mocks/core/pkce.ts'
  [redirect]='mocks/core/redirect.ts'
  [auth]='mocks/core/client-auth.ts,mocks/core/token-endpoint.ts'
  [grants]='mocks/core/code-grant.ts,mocks/core/refresh-grant.ts'
  [resources]='mocks/core/token-resources.ts:1-96'
  [registration]='mocks/core/registration.ts'
  # The desktop files in three batches: their requirements walk clocks and wait on prompts, so
  # each mutant costs more, and a stopped run keeps what the finished batches found.
  [desktop-grants]='mocks/core/desktop/grant.ts,mocks/core/desktop/grants.ts'
  [desktop-prompts]='mocks/core/desktop/prompt.ts,mocks/core/desktop/prompts.ts'
  [desktop-clients]='mocks/core/desktop/clients.ts,mocks/core/desktop/lock.ts,mocks/core/desktop/switches.ts,mocks/core/desktop/sweep.ts'
)
ORDER=(pkce redirect auth grants resources registration desktop-grants desktop-prompts desktop-clients)
[ $# -gt 0 ] && ORDER=("$@")
mkdir -p stryker/incremental
for b in "${ORDER[@]}"; do
  echo "=== batch $b: ${BATCH[$b]} ($(date -u +%H:%M:%S))"
  AUTHPROBE_MUTATE_INCREMENTAL="stryker/incremental/$b.json" AUTHPROBE_MUTATE_REPORT_DIR="reports/mutation/$b" \
    npx stryker run stryker/stryker.config.mjs --mutate "${BATCH[$b]}" ${STRYKER_ARGS:-} || echo "=== batch $b failed"
done
echo "=== done ($(date -u +%H:%M:%S))"
