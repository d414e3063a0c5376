# The worked example of the retention article, on real rows:
# 1,000 customers at the start of a quarter, 1,100 at its end, 500 of them new
# -> ((1100 - 500) / 1000) x 100 = 60 %.
{
  echo "customer_id"
  for i in $(seq 1 1500); do echo "K$i"; done
} > customers.csv
{
  echo "order_id,customer_id,ordered_at,total"
  # 1,000 customers bought shortly before the quarter (counted at its start).
  for i in $(seq 1 1000); do echo "A$i,K$i,2024-03-25,20.00"; done
  # 600 of them buy again in the quarter; 400 do not.
  for i in $(seq 1 600); do echo "B$i,K$i,2024-05-01,30.00"; done
  # 500 new customers buy for the first time in the quarter.
  for i in $(seq 1001 1500); do echo "C$i,K$i,2024-05-15,40.00"; done
} > orders.csv
$RETAIN import customers.csv orders.csv > /dev/null
$RETAIN kpi --from 2024-04-01 --to 2024-06-30 --window-days 90 --json | grep -E '"(customers_start|customers_end|new_customers|retention_rate|churn_rate)"'
