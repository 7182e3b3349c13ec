package org.octavo.library;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A small lending library.
 */
public class Library {
    private final List<Book> books = new ArrayList<>();

    public void add(Book book) {
        books.add(book);
    }

    public Optional<Book> findByIsbn(String isbn) {
        return books.stream().filter(b -> b.isbn().equals(isbn)).findFirst();
    }

    public int available() {
        int count = 0;
        for (Book book : books) {
            if (!book.lent()) {
                count++;
            }
        }
        return count;
    }

    public record Book(String title, String isbn, boolean lent) {}
}
