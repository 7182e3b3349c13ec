package org.octavo.jobs;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

public class Worker implements Runnable {
    private static final AtomicInteger done = new AtomicInteger();
    private final String name;

    public Worker(String name) {
        this.name = name;
    }

    @Override
    public void run() {
        synchronized (Worker.class) {
            System.out.println("working on " + name);
        }
        done.incrementAndGet();
    }

    public static void main(String[] args) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        for (int i = 0; i < 8; i++) {
            pool.submit(new Worker("chapter-" + i));
        }
        pool.shutdown();
        if (!pool.awaitTermination(5, TimeUnit.SECONDS)) {
            pool.shutdownNow();
        }
        System.out.println(done.get() + " done");
    }
}
