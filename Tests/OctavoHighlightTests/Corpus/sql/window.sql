WITH monthly AS (
    SELECT member_id,
           date_trunc('month', borrowed_on) AS month,
           COUNT(*) AS loans
    FROM loans
    GROUP BY member_id, date_trunc('month', borrowed_on)
)
SELECT member_id,
       month,
       loans,
       SUM(loans) OVER (PARTITION BY member_id ORDER BY month) AS running_total,
       RANK() OVER (PARTITION BY month ORDER BY loans DESC) AS rank_in_month
FROM monthly
WHERE loans > 0
ORDER BY member_id, month;
