/* Loans per month and the most borrowed titles. */
SELECT date_trunc('month', l.borrowed_on) AS month,
       COUNT(*) AS loans,
       COUNT(DISTINCT l.member_id) AS members
FROM loans AS l
WHERE l.borrowed_on >= DATE '2024-01-01'
GROUP BY 1
ORDER BY 1;

SELECT b.title, a.name, COUNT(l.id) AS times
FROM books b
JOIN authors a ON a.id = b.author_id
LEFT JOIN loans l ON l.book_id = b.id
GROUP BY b.title, a.name
HAVING COUNT(l.id) > 5
ORDER BY times DESC
LIMIT 10;
