-- Schema of the lending library.
CREATE TABLE authors (
    id          SERIAL PRIMARY KEY,
    name        VARCHAR(200) NOT NULL,
    born        DATE,
    created_at  TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE books (
    id          SERIAL PRIMARY KEY,
    author_id   INTEGER NOT NULL REFERENCES authors (id) ON DELETE CASCADE,
    title       TEXT NOT NULL,
    year        SMALLINT CHECK (year > 1450),
    price       NUMERIC(8, 2) DEFAULT 0.00,
    in_print    BOOLEAN NOT NULL DEFAULT TRUE
);

CREATE INDEX books_author_idx ON books (author_id);
CREATE UNIQUE INDEX books_title_year_idx ON books (title, year);
