# Consents: the import's state, an objection by phone that a later import
# cannot undo, a double opt-in, the history, and a refused change.
$RETAIN import "$DATA"/shop/*.csv > /dev/null
$RETAIN consent show C001
$RETAIN --lang de consent set C001 email revoked --source telefon --changed-at 2026-11-20T09:00:00+01:00
$RETAIN import "$DATA"/shop/*.csv > /dev/null
$RETAIN consent set C001 sms granted --basis double_opt_in --source form --changed-at 2026-11-21T10:00:00+01:00 --confirmed-at 2026-11-21T10:04:00+01:00 --proof doi-42
$RETAIN consent show C001 --history --json | grep -E '"(channel|status|basis|source|proof)"'
$RETAIN consent set C001 sms granted --basis uwg_7_3 || echo "refused with exit $?"
