package io.portend.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

import io.portend.PortTimeoutException;

/**
 * A wait running on a thread of its own, which records when it returned and the CPU time the
 * thread used.
 */
final class Waiter {

	/** A blocking wait. */
	@FunctionalInterface
	interface Wait {

		void run() throws Exception;

	}

	private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

	private final Thread thread;

	private volatile long returnedAt;

	private volatile long cpuNanos;

	private volatile Exception failure;

	private Waiter(Wait wait) {
		this.thread = new Thread(() -> run(wait), "waiter");
		this.thread.setDaemon(true);
	}

	static Waiter start(Wait wait) {
		Waiter waiter = new Waiter(wait);
		waiter.thread.start();
		return waiter;
	}

	/**
	 * Waits for the wait to return.
	 * @param bound how long to give it
	 * @return {@link System#nanoTime()} when it returned
	 * @throws IllegalStateException if it did not return in time (it is interrupted), or failed
	 */
	long awaitReturn(Duration bound) throws InterruptedException {
		this.thread.join(bound.toMillis());
		if (this.thread.isAlive()) {
			this.thread.interrupt();
			this.thread.join(bound.toMillis());
			throw new IllegalStateException("A wait did not return within " + bound.toMillis() + " ms.");
		}
		if (this.failure != null) {
			throw new IllegalStateException("A wait failed: " + this.failure, this.failure);
		}
		return this.returnedAt;
	}

	/**
	 * Runs a wait that must time out.
	 * @throws IllegalStateException if it returned
	 */
	static void expectTimeout(Wait wait) throws Exception {
		try {
			wait.run();
		}
		catch (PortTimeoutException | TimeoutException ex) {
			return;
		}
		throw new IllegalStateException("A wait on a port that refuses or drops connections returned without timing out.");
	}

	/** The CPU time the waiting thread used, once it returned. */
	long cpuNanos() {
		return this.cpuNanos;
	}

	private void run(Wait wait) {
		long cpuStart = THREADS.getCurrentThreadCpuTime();
		try {
			wait.run();
		}
		catch (Exception ex) {
			this.failure = ex;
		}
		finally {
			this.returnedAt = System.nanoTime();
			this.cpuNanos = THREADS.getCurrentThreadCpuTime() - cpuStart;
		}
	}

}
