package org.dqms.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Work done in transactions that stay open, each on a thread of its own, until {@link #release()}:
 * for tests of what other transactions meet meanwhile (a call in flight, a row being written). A
 * held transaction then rolls back, unless it was held to commit.
 */
public final class HeldTransactions implements AutoCloseable {

    private final TransactionTemplate transaction;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final CountDownLatch release = new CountDownLatch(1);
    private final List<Future<?>> held = new ArrayList<>();

    public HeldTransactions(PlatformTransactionManager transactions) {
        this.transaction = new TransactionTemplate(transactions);
    }

    /** Runs the work in a transaction of its own and returns its result; the transaction stays open. */
    public <T> T hold(Supplier<T> work) throws Exception {
        return hold(work, false);
    }

    /** Like {@link #hold}, but the transaction commits when released. */
    public <T> T holdToCommit(Supplier<T> work) throws Exception {
        return hold(work, true);
    }

    private <T> T hold(Supplier<T> work, boolean commit) throws Exception {
        CompletableFuture<T> done = new CompletableFuture<>();
        held.add(threads.submit(() -> transaction.executeWithoutResult(status -> {
            try {
                done.complete(work.get());
                release.await();
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (!commit) {
                status.setRollbackOnly();
            }
        })));
        return done.get(10, TimeUnit.SECONDS);
    }

    /** Runs the work on another thread, in no held transaction. */
    public <T> Future<T> submit(Callable<T> work) {
        return threads.submit(work);
    }

    /** Lets the held transactions end. */
    public void release() {
        release.countDown();
    }

    @Override
    public void close() throws Exception {
        release();
        for (Future<?> transaction : held) {
            transaction.get(10, TimeUnit.SECONDS);
        }
        threads.shutdown();
    }
}
