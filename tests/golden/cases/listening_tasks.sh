# The task list: the call-backs the detractors' answers opened (due two
# working days after the answer, overdue by now), done with a note, handed
# over, cancelled and opened again, a task by hand; [listening] settings.
$RETAIN import "$DATA"/shop/*.csv > /dev/null
cp "$DATA"/listening/answers.csv .
$RETAIN feedback import answers.csv > /dev/null
$RETAIN tasks list --json | sed -E 's/"created_at": "[^"]*"/"created_at": "…"/'
$RETAIN tasks done 1 --note "Angerufen, Gutschein angeboten"
$RETAIN tasks assign 2 Petra
$RETAIN tasks cancel 3 --note "nicht erreichbar"
$RETAIN tasks reopen 3
$RETAIN tasks add C005 --reason "Dankeskarte schreiben" --due 2024-04-02 --assignee Jens
$RETAIN tasks list
$RETAIN --lang de tasks list --status all
$RETAIN tasks list --status done --json | grep -E '"(id|status|note)"'
$RETAIN tasks list --assignee Petra
$RETAIN tasks done 99 || echo "refused with exit $?"
printf '[listening]\ncall_back_working_days = 5\n' > retain.toml
$RETAIN feedback add C011 2 --comment "Zu teuer" --date 2024-03-01 --config retain.toml
$RETAIN feedback add C011 9 --date 2024-03-02
printf '[listening]\ncall_back_days = 5\n' > wrong.toml
$RETAIN feedback add C011 2 --config wrong.toml || echo "refused with exit $?"
$RETAIN feedback add C011 12 || echo "refused with exit $?"
