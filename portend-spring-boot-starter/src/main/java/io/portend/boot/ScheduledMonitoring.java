package io.portend.boot;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Monitoring on a schedule: a round of checks of every target at a fixed delay, in a thread of
 * its own, until stopped.
 */
final class ScheduledMonitoring {

	private static final Log logger = LogFactory.getLog(ScheduledMonitoring.class);

	private final ScheduledExecutorService thread;

	private ScheduledMonitoring(ScheduledExecutorService thread) {
		this.thread = thread;
	}

	/**
	 * Starts monitoring; the first round starts at once.
	 * @param rounds what makes a round, returning every target's status
	 * @param afterRound called with the statuses after each round, or {@code null}
	 */
	static ScheduledMonitoring start(WatcherThreads threads, Duration interval, Round rounds,
			@Nullable Consumer<List<TargetStatus>> afterRound) {
		ScheduledExecutorService thread = threads.monitorThread();
		thread.scheduleWithFixedDelay(() -> runRound(rounds, afterRound), 0, interval.toNanos(), TimeUnit.NANOSECONDS);
		return new ScheduledMonitoring(thread);
	}

	/**
	 * Stops monitoring and waits until its thread has ended.
	 */
	void stop() {
		WatcherThreads.shutdown(this.thread);
	}

	private static void runRound(Round rounds, @Nullable Consumer<List<TargetStatus>> afterRound) {
		try {
			List<TargetStatus> statuses = rounds.checkAll();
			if (afterRound != null) {
				afterRound.accept(statuses);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (RuntimeException ex) {
			logger.warn("A round of monitoring failed", ex);
		}
	}

	/**
	 * A round of checks of every target.
	 */
	@FunctionalInterface
	interface Round {

		List<TargetStatus> checkAll() throws InterruptedException;

	}

}
