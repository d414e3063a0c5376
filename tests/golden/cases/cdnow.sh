# The real CDNOW sample through the cdnow preset: import counts, KPIs for the
# first calibration quarter after the cohort, RFM over the whole log.
$RETAIN import --preset cdnow "$DATA"/cdnow/CDNOW_sample.txt --json
$RETAIN kpi --from 1997-04-01 --to 1997-06-30 --window-days 90 --json | grep -E '^  "(customers_start|customers_end|new_customers|retention_rate|repeat_purchase_rate|purchase_frequency|average_order_value|revenue|churn_rate|top20_revenue_share|orders)"'
$RETAIN rfm --as-of 1998-06-30
$RETAIN cohorts --months 3
