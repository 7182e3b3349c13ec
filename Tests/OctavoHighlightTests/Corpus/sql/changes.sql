BEGIN;

INSERT INTO authors (name, born) VALUES
    ('Ada Marsh', '1962-03-14'),
    ('Tomas Reyes', NULL);

UPDATE books
SET price = price * 1.05,
    in_print = FALSE
WHERE year < 1990 AND price IS NOT NULL;

DELETE FROM loans
WHERE returned_on IS NOT NULL
  AND returned_on < CURRENT_DATE - INTERVAL '5 years';

INSERT INTO books (author_id, title, year)
SELECT id, 'Collected Notes', 2024 FROM authors WHERE name = 'Ada Marsh'
ON CONFLICT (title, year) DO NOTHING;

COMMIT;
