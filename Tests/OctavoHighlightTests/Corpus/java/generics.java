import java.util.Comparator;
import java.util.Iterator;
import java.util.NoSuchElementException;

// A singly linked stack.
public class Stack<T extends Comparable<T>> implements Iterable<T> {
    private Node<T> top;
    private int size;

    private static class Node<T> {
        final T value;
        final Node<T> next;
        Node(T value, Node<T> next) { this.value = value; this.next = next; }
    }

    public void push(T value) {
        top = new Node<>(value, top);
        size++;
    }

    public T pop() {
        if (top == null) throw new NoSuchElementException("empty stack");
        T value = top.value;
        top = top.next;
        size--;
        return value;
    }

    public T max() {
        T best = null;
        for (T value : this) {
            if (best == null || value.compareTo(best) > 0) best = value;
        }
        return best;
    }

    @Override
    public Iterator<T> iterator() {
        return new Iterator<>() {
            private Node<T> current = top;
            public boolean hasNext() { return current != null; }
            public T next() { T v = current.value; current = current.next; return v; }
        };
    }
}
