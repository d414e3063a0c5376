# Segment rules on the small invented shop (figures as of its latest order).
# Checked against SQL over the same database: 7 customers with 2+ orders, 2 of them
# silent for more than 90 days; `retain rfm` puts 3 in Loyal.
$RETAIN import "$DATA"/shop/*.csv > /dev/null
$RETAIN segment count --rule 'orders >= 2'
$RETAIN segment count --rule 'orders >= 2 and days_since_last_order > 90 or rfm_segment = "Loyal"' --json
$RETAIN --lang de segment count --rule 'not lifecycle in ("active", "new") and revenue > 50' --as-of 2024-01-31
$RETAIN segment count --rule 'last_order < today - 6m and return_rate > 0'
$RETAIN segment fields --json | grep -c '"name"'
set +e
$RETAIN segment count --rule 'orders >= 2 and'; echo "exit $?"
$RETAIN segment count --rule 'contry = "DE"'; echo "exit $?"
$RETAIN --lang de segment count --rule 'orders >= "zwei"'; echo "exit $?"
$RETAIN segment count --rule 'orders >= 1' --as-of 2025-13-01; echo "exit $?"
$RETAIN segment; echo "exit $?"
# Profile fields, tags and birthdays (C001 is tagged stammkunde and newsletter).
$RETAIN segment count --rule 'country = "DE" and has_tag("stammkunde")'
$RETAIN segment count --rule 'consent_email = "granted" and age >= 30 and customer_type = "b2c"'
$RETAIN segment count --rule 'birthday_within(30d) or starts_with(postal_code, "8")'
# Purchase predicates: categories as imported with the order lines.
$RETAIN segment count --rule 'bought_category("Schuhe")'
$RETAIN segment count --rule 'bought_within("Schuhe", 90d) and not bought_category("Jacken")'
