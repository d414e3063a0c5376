# Service conversations: logged as they came in, answered, closed, handed
# over; the open ones, the complaints (German), one in full, and the
# service figures of March (first response 2.5, 4 and 24 hours; one closed
# after 24 hours).
$RETAIN import "$DATA"/shop/*.csv > /dev/null
$RETAIN conversation open C003 --channel phone --topic delivery --summary "Paket fehlt" --at 2024-03-01T09:00:00+01:00 > /dev/null
$RETAIN conversation open C006 --channel store --topic complaint --assignee Petra --at 2024-03-02T10:00:00+01:00 --json | grep -E '"(id|topic|complaint|status|day|first_response_at)"'
$RETAIN conversation open C001 --channel email --topic return --at 2024-03-04T08:00:00+01:00 > /dev/null
$RETAIN conversation update 1 --responded --at 2024-03-01T11:30:00+01:00 > /dev/null
$RETAIN conversation update 1 --status closed --note "Paket nachgeschickt" --at 2024-03-02T09:00:00+01:00
$RETAIN conversation update 2 --status waiting --note "Rückruf vereinbart" --at 2024-03-02T14:00:00+01:00 > /dev/null
$RETAIN conversation update 3 --responded --assignee Jens --at 2024-03-05T08:00:00+01:00 > /dev/null
$RETAIN conversation list
$RETAIN --lang de conversation list --status all --complaints
$RETAIN --lang de conversation show 2
$RETAIN conversation stats --from 2024-03-01 --to 2024-03-31
$RETAIN conversation stats --from 2024-03-01 --to 2024-03-31 --json
$RETAIN --lang de conversation stats --from 2024-04-01 --to 2024-04-30
$RETAIN conversation show 9 || echo "refused with exit $?"
$RETAIN conversation update 1 --at 2024-03-01 || echo "refused with exit $?"
$RETAIN conversation open NOBODY --channel phone --topic x || echo "refused with exit $?"
