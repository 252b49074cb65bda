#!/bin/sh
# rstscope-nightly: one scheduled run over a directory of incoming logs.
#
#   import     only what is new since the last run (grown files go on where
#              they ended, rotated and compressed files are recognised by
#              content and not imported twice)
#   correlate  causes and patterns over the whole timeline
#   report     the resets since the last nightly report, as one HTML file
#   prune      retention: records older than RSTSCOPE_RETENTION go
#
# Settings come from the environment (the systemd unit reads them from
# /etc/default/rstscope); see docs/SCHEDULING.md.
#
# Exit code, for cron mail and systemd OnFailure= alerting:
#   0  all steps succeeded, nothing to report
#   1  a step failed (the database, an I/O error); later steps did not run
#   2  usage error (a bad setting)
#   3  done, but some input could not be read (rstscope import listed it)
#   4  done, and the report's --fail-on condition (RSTSCOPE_FAIL_ON) matched
# When both 3 and 4 apply, 4 wins: it is the one a person must look at.
set -u

RSTSCOPE=${RSTSCOPE:-rstscope}
DB=${RSTSCOPE_DB:-/var/lib/rstscope/timeline.db}
LOGS=${RSTSCOPE_LOGS:-/var/log/incoming}
HOSTS=${RSTSCOPE_HOSTS:-}
REPORTS=${RSTSCOPE_REPORTS:-/var/lib/rstscope/reports}
RETENTION=${RSTSCOPE_RETENTION:-30d}
FAIL_ON=${RSTSCOPE_FAIL_ON:-}

problems=0
alert=0

step() {
  echo "== $*" >&2
}

step import "$LOGS"
if [ -n "$HOSTS" ]; then
  "$RSTSCOPE" import -q --db "$DB" --hosts "$HOSTS" "$LOGS"
else
  "$RSTSCOPE" import -q --db "$DB" "$LOGS"
fi
rc=$?
case $rc in
  0) ;;
  3) problems=1 ;;
  *) echo "rstscope-nightly: import failed (exit $rc)" >&2; exit "$rc" ;;
esac

step correlate
"$RSTSCOPE" correlate --db "$DB" || { rc=$?; echo "rstscope-nightly: correlate failed (exit $rc)" >&2; exit "$rc"; }

step report
mkdir -p "$REPORTS" || exit 1
out="$REPORTS/rstscope-$(date -u +%Y-%m-%d).html"
if [ -n "$FAIL_ON" ]; then
  "$RSTSCOPE" report --db "$DB" --since-last-run nightly --format html --out "$out" \
    --fail-on "$FAIL_ON"
else
  "$RSTSCOPE" report --db "$DB" --since-last-run nightly --format html --out "$out"
fi
rc=$?
case $rc in
  0) ;;
  4) alert=1; echo "rstscope-nightly: --fail-on $FAIL_ON matched; see $out" >&2 ;;
  *) echo "rstscope-nightly: report failed (exit $rc)" >&2; exit "$rc" ;;
esac

step prune "$RETENTION"
"$RSTSCOPE" prune --db "$DB" --before "$RETENTION" || { rc=$?; echo "rstscope-nightly: prune failed (exit $rc)" >&2; exit "$rc"; }

[ "$alert" = 1 ] && exit 4
[ "$problems" = 1 ] && exit 3
exit 0
