# Feedback answers: a CSV import (BOM, ';', both date forms, a comment over
# two lines) opens the detractors' call-backs; importing it again changes
# nothing; NPS overall, by sales channel and by store (German); the comments;
# a bad file changes nothing; --skip-bad keeps the bad rows with their reason;
# a survey link.
$RETAIN import "$DATA"/shop/*.csv > /dev/null
cp "$DATA"/listening/answers.csv .
$RETAIN feedback import answers.csv
$RETAIN feedback import answers.csv --json
$RETAIN nps --json
$RETAIN nps --by channel
$RETAIN --lang de nps --by store
$RETAIN feedback list --score detractors
$RETAIN feedback list --customer C003 --json | grep -E '"(customer_id|order_id|score|group|sales_channel|via|day|external_id)"'
printf 'customer_id,score,comment\nC001,9,gut\nC002,11,super\n' > bad.csv
$RETAIN feedback import bad.csv || echo "refused with exit $?"
printf 'customer_id,score,order_id,date,comment\nC009,2,,2024-03-20,Nie wieder\nC999,5,,,wer?\nC001,9,O1004,,falsche Bestellung\nC002,8,,31.02.2024,\n' > more.csv
$RETAIN --lang de feedback import more.csv || echo "refused with exit $?"
$RETAIN nps --json | grep '"answers"'
$RETAIN feedback import more.csv --skip-bad
cat more.rejects.csv
$RETAIN feedback import more.csv --skip-bad --json
$RETAIN --lang de nps --from 2024-03-01 --to 2024-03-31 --comments --score 0-6
$RETAIN nps --from 2025-01-01 --to 2025-01-31
printf '[contact.messages]\npublic_url = "https://club.schuhhaus.example/"\n' > retain.toml
$RETAIN feedback link C001 --order O1003 --config retain.toml | sed -E 's|/f/[A-Za-z0-9_.-]+$|/f/TOKEN|'
$RETAIN feedback link C001 --order O1005 --config retain.toml || echo "refused with exit $?"
