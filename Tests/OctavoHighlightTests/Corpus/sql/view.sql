CREATE OR REPLACE VIEW overdue AS
SELECT m.name AS member,
       b.title,
       l.due_on,
       CURRENT_DATE - l.due_on AS days_late,
       CASE
           WHEN CURRENT_DATE - l.due_on > 30 THEN 'long'
           WHEN CURRENT_DATE - l.due_on > 7 THEN 'late'
           ELSE 'recent'
       END AS status
FROM loans l
JOIN members m ON m.id = l.member_id
JOIN books b ON b.id = l.book_id
WHERE l.returned_on IS NULL
  AND l.due_on < CURRENT_DATE;

-- Members with more than three overdue books.
SELECT member, COUNT(*) FROM overdue GROUP BY member HAVING COUNT(*) > 3;
