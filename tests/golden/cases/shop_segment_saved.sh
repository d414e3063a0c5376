# Saved segments on the small invented shop: create, list, show, export
# (CSV, German Excel CSV, JSON), diff and delete; built-in RFM segments.
$RETAIN import "$DATA"/shop/*.csv > /dev/null
$RETAIN segment create Stammkunden-DE --rule 'orders >= 2 and country = "DE"' --description "Stammkunden in Deutschland"
$RETAIN segment create vip --rule 'has_tag("stammkunde") or revenue > 1000'
$RETAIN segment list
$RETAIN --lang de segment show stammkunden-de | sed -E "s/[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:]+Z/(Zeitpunkt)/"
$RETAIN segment show Loyal --json
$RETAIN segment export Stammkunden-DE --out members.csv
cat members.csv
$RETAIN --lang de segment export Stammkunden-DE --out excel.csv --excel
head -c 3 excel.csv | od -An -tx1
sed -n 2p excel.csv
$RETAIN segment export vip --out vip.json --format json
cat vip.json
$RETAIN segment diff Stammkunden-DE --since 2023-12-31
$RETAIN segment diff Loyal --since 2024-01-01 --json
$RETAIN segment delete vip
set +e
$RETAIN segment delete vip; echo "exit $?"
$RETAIN segment delete Champions; echo "exit $?"
$RETAIN segment create champions --rule 'orders >= 1'; echo "exit $?"
$RETAIN segment create Stammkunden-de --rule 'orders >= 1'; echo "exit $?"
$RETAIN segment create broken --rule 'orders >'; echo "exit $?"
$RETAIN segment show nope; echo "exit $?"
$RETAIN segment export vip --out x.csv; echo "exit $?"
$RETAIN segment export Loyal --out x.txt --format xml; echo "exit $?"
$RETAIN segment diff Loyal --since 2030-01-01; echo "exit $?"
