# A German shop export as Excel writes it: ';' delimiter, decimal comma with
# thousands dots, dd.mm.yyyy dates, Windows-1252 (Müller, Größe, €) and,
# for the second file, UTF-8 with a byte order mark.
printf 'Kundennummer;Vorname;Nachname;PLZ;Ort;Geburtsdatum\r\nK1;J\xfcrgen;M\xfcller;80331;M\xfcnchen;24.12.1975\r\nK2;Anna;Gro\xdfe;50667;K\xf6ln;01.02.2001\r\n' > kunden_customers.csv
printf '\xef\xbb\xbforder_id;customer_id;ordered_at;total\nB1;K1;03.01.2024 10:15;1.234,50 \xe2\x82\xac\nB2;K1;15.02.2024;99,90\nB3;K2;01.03.2024 18:00:00;12,00\n' > bestellungen_orders.csv
cat > mapping.txt <<'MAP'
# their column = our column
Kundennummer = customer_id
Vorname = first_name
Nachname = last_name
PLZ = postal_code
Ort = city
Geburtsdatum = birth_date
MAP
$RETAIN import --mapping mapping.txt kunden_customers.csv bestellungen_orders.csv --json | grep -E '"(customers_added|orders_added)"'
$RETAIN --lang de customer K1 | head -8
$RETAIN kpi --from 2024-01-01 --to 2024-03-31 --json | grep -E '"(revenue|orders|average_order_value)"'
