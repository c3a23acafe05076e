package io.portend.boot;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * The daemon threads of one watcher, named {@code portend-<n>-…}: they can all be told to stop
 * and then joined, so that no connection attempt outlives the watcher.
 */
final class WatcherThreads {

	private static final Log logger = LogFactory.getLog(WatcherThreads.class);

	private static final AtomicInteger watcherCount = new AtomicInteger();

	private final String prefix = "portend-" + watcherCount.incrementAndGet();

	private final Set<Thread> threads = ConcurrentHashMap.newKeySet();

	/**
	 * Returns a pool of check threads, made as needed and ended after a second idle.
	 */
	ExecutorService checkPool() {
		return new ThreadPoolExecutor(0, Integer.MAX_VALUE, 1, TimeUnit.SECONDS, new SynchronousQueue<>(),
				factory(this.prefix + "-check-"));
	}

	/**
	 * Returns a single thread for monitoring.
	 */
	ScheduledExecutorService monitorThread() {
		return Executors.newSingleThreadScheduledExecutor(factory(this.prefix + "-monitor-"));
	}

	/**
	 * Stops an executor's threads and waits, boundedly, until they have ended.
	 */
	static void shutdown(ExecutorService executor) {
		executor.shutdownNow();
		boolean interrupted = false;
		try {
			// Bounded: the threads answer the interrupt of shutdownNow() within a select() wake-up.
			for (int i = 0; i < 100; i++) {
				try {
					if (executor.awaitTermination(100, TimeUnit.MILLISECONDS)) {
						return;
					}
				}
				catch (InterruptedException ex) {
					interrupted = true;
				}
			}
			logger.warn("Threads of the port watcher did not end within 10 s");
		}
		finally {
			if (interrupted) {
				Thread.currentThread().interrupt();
			}
		}
	}

	/**
	 * Waits, at most 10 s, until every thread made has ended: a terminated executor's last
	 * threads may still be finishing.
	 */
	void join() {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		boolean interrupted = false;
		for (Thread thread : this.threads) {
			while (thread.isAlive() && System.nanoTime() - deadline < 0) {
				try {
					thread.join(100);
				}
				catch (InterruptedException ex) {
					interrupted = true;
				}
			}
		}
		if (interrupted) {
			Thread.currentThread().interrupt();
		}
	}

	private ThreadFactory factory(String prefix) {
		AtomicInteger count = new AtomicInteger();
		return (runnable) -> {
			// Not !isAlive(): a thread made but not started yet is not alive either.
			this.threads.removeIf((thread) -> thread.getState() == Thread.State.TERMINATED);
			Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
			thread.setDaemon(true);
			this.threads.add(thread);
			return thread;
		};
	}

}
