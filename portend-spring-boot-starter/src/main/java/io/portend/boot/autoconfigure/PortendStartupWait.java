package io.portend.boot.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.StringJoiner;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.portend.PortTimeoutException;
import io.portend.boot.PortTarget;
import io.portend.boot.PortWatcher;
import io.portend.boot.TargetStatus;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.ApplicationStartupAware;
import org.springframework.core.metrics.ApplicationStartup;
import org.springframework.core.metrics.StartupStep;

/**
 * Starts waiting for the required targets of the {@link PortWatcher} as soon as the starter's
 * beans are created, so that the wait runs alongside the rest of start-up, and holds start-up
 * where it is joined: by the {@link PortendStartupBarrier}, which the beans that connect to
 * the targets depend on, or else once every singleton is instantiated, before the application
 * starts (web server, runners).
 *
 * <p>All required targets are awaited at the same time under one deadline,
 * {@code portend.timeout}, a target's own timeout being a shorter deadline for it alone. The
 * wait runs on the watcher's threads while the joining thread waits without a timeout, so that
 * closing the application context (or SIGTERM) during the wait interrupts it, and start-up ends
 * at once. Optional targets, and every target when {@code portend.block-startup} is false, are
 * checked in the background and only logged. Nothing waits in a bean factory post-processor,
 * so ahead-of-time processing never waits.
 */
final class PortendStartupWait implements InitializingBean, SmartInitializingSingleton, ApplicationStartupAware {

	private static final Log logger = LogFactory.getLog(PortendStartupWait.class);

	private static final long REPORT_INTERVAL = TimeUnit.SECONDS.toNanos(5);

	private final PortWatcher watcher;

	private final Duration timeout;

	private final boolean blockStartup;

	private ApplicationStartup applicationStartup = ApplicationStartup.DEFAULT;

	private List<PortTarget> awaited = List.of();

	private long start;

	private Progress progress;

	private CompletableFuture<Void> wait;

	private boolean joined;

	private volatile Duration waitTime;

	/**
	 * Creates a start-up wait.
	 * @param watcher the watcher whose targets to wait for
	 * @param timeout how long to wait for all required targets together
	 * @param blockStartup whether to wait at all
	 */
	PortendStartupWait(PortWatcher watcher, Duration timeout, boolean blockStartup) {
		this.watcher = watcher;
		this.timeout = timeout;
		this.blockStartup = blockStartup;
	}

	@Override
	public void setApplicationStartup(ApplicationStartup applicationStartup) {
		this.applicationStartup = applicationStartup;
	}

	/**
	 * Returns how long the required targets took to be all up, from the start of the wait.
	 * @return the time waited, or {@code null} if start-up did not wait
	 */
	Duration getWaitTime() {
		return this.waitTime;
	}

	@Override
	public void afterPropertiesSet() {
		List<PortTarget> awaited = new ArrayList<>();
		List<PortTarget> background = new ArrayList<>();
		for (PortTarget target : this.watcher.targets()) {
			(this.blockStartup && target.required() ? awaited : background).add(target);
		}
		if (!background.isEmpty()) {
			checkInBackground(background);
		}
		if (!awaited.isEmpty()) {
			start(awaited);
		}
	}

	@Override
	public void afterSingletonsInstantiated() {
		join();
	}

	private void start(List<PortTarget> awaited) {
		this.awaited = awaited;
		this.start = System.nanoTime();
		// Loops rather than streams on this path: it runs on the main thread at start-up, where
		// the first use of each stream shape costs a cold JVM a millisecond or more.
		StringJoiner description = new StringJoiner(", ");
		for (PortTarget target : awaited) {
			description.add(describeWithTimeout(target));
		}
		logger.info("Waiting up to " + format(this.timeout) + " for " + description);
		this.progress = new Progress(awaited, this.start);
		this.wait = this.watcher.awaitAsync(names(awaited), this.timeout, this.progress);
	}

	/**
	 * Holds the calling thread until every required target is up, unless that happened in an
	 * earlier call.
	 * @throws PortendStartupTimeoutException if a required target was not up in time
	 * @throws PortendStartupCancelledException if the thread was interrupted, or the wait
	 * cancelled
	 */
	synchronized void join() {
		if (this.wait == null || this.joined) {
			return;
		}
		List<PortTarget> awaited = this.awaited;
		CompletableFuture<Void> wait = this.wait;
		StartupStep step = this.applicationStartup.start("portend.startup.wait");
		try {
			// No timeout here: the watcher enforces the deadline. A thread WAITING without one is
			// what AbstractApplicationContext.close() interrupts when it finds refresh() stuck.
			wait.get();
		}
		catch (InterruptedException ex) {
			wait.cancel(true);
			Thread.currentThread().interrupt();
			throw new PortendStartupCancelledException(describe(unreached(awaited)), ex);
		}
		catch (CancellationException ex) {
			throw new PortendStartupCancelledException(describe(unreached(awaited)), ex);
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof PortTimeoutException) {
				throw new PortendStartupTimeoutException(statuses(unreached(awaited)), this.timeout,
						Duration.ofNanos(System.nanoTime() - this.start), ex.getCause());
			}
			throw new IllegalStateException("Waiting for " + describe(awaited) + " failed", ex.getCause());
		}
		finally {
			step.end();
		}
		this.joined = true;
		this.waitTime = Duration.ofNanos(this.progress.allUp() - this.start);
		logger.info("Waited " + this.waitTime.toMillis() + " ms for " + describe(awaited) + ": all up");
	}

	private void checkInBackground(List<PortTarget> targets) {
		logger.info("Not waiting for " + (this.blockStartup ? "optional " : "") + describe(targets)
				+ (this.blockStartup ? "" : " (portend.block-startup=false)") + "; checking in the background");
		Set<String> warned = new HashSet<>();
		long start = System.nanoTime();
		this.watcher.awaitAsync(names(targets), this.timeout, (status) -> {
			synchronized (warned) {
				if (status.occupied()) {
					logger.info(status.target() + " is up after " + millisSince(start) + " ms");
				}
				else if (warned.add(status.name())) {
					logger.warn(status.target() + " is not reachable (" + status.error()
							+ "); start-up goes on without it");
				}
			}
		});
	}

	private List<PortTarget> unreached(List<PortTarget> targets) {
		return targets.stream().filter((target) -> !this.watcher.status(target.name()).occupied()).toList();
	}

	private List<TargetStatus> statuses(List<PortTarget> targets) {
		return targets.stream().map((target) -> this.watcher.status(target.name())).toList();
	}

	private static List<String> names(List<PortTarget> targets) {
		List<String> names = new ArrayList<>(targets.size());
		for (PortTarget target : targets) {
			names.add(target.name());
		}
		return names;
	}

	static String describe(List<PortTarget> targets) {
		StringJoiner description = new StringJoiner(", ");
		for (PortTarget target : targets) {
			description.add(target.toString());
		}
		return description.toString();
	}

	private static String describeWithTimeout(PortTarget target) {
		return (target.timeout() != null) ? target.name() + " (" + target.address() + ", at most "
				+ format(target.timeout()) + ")" : target.toString();
	}

	/**
	 * Formats a duration as it is written in properties: {@code 60s}, {@code 1500ms}.
	 */
	static String format(Duration duration) {
		// Not DurationStyle: its first use costs a cold start-up some 10 ms, for one log line.
		long millis = duration.toMillis();
		return (millis % 1000 == 0) ? (millis / 1000) + "s" : millis + "ms";
	}

	private static long millisSince(long start) {
		return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
	}

	/**
	 * Logs each target as it comes up, and every few seconds the targets still awaited. Called
	 * from the watcher's threads after every round of checks.
	 */
	private final class Progress implements Consumer<TargetStatus> {

		private final List<PortTarget> awaited;

		private final long start;

		private final Set<String> up = new HashSet<>();

		private long nextReport;

		private long allUp;

		/**
		 * Returns when the last awaited target came up; read once the wait completed.
		 */
		synchronized long allUp() {
			return this.allUp;
		}

		Progress(List<PortTarget> awaited, long start) {
			this.awaited = awaited;
			this.start = start;
			this.nextReport = start + REPORT_INTERVAL;
		}

		@Override
		public synchronized void accept(TargetStatus status) {
			long now = System.nanoTime();
			if (status.occupied() && this.up.add(status.name())) {
				logger.info(status.target() + " is up after " + millisSince(this.start) + " ms");
				if (this.up.size() == this.awaited.size()) {
					this.allUp = now;
				}
			}
			if (now - this.nextReport >= 0) {
				this.nextReport = now + REPORT_INTERVAL;
				List<String> pending = new ArrayList<>();
				for (PortTarget target : unreached(this.awaited)) {
					String error = PortendStartupWait.this.watcher.status(target.name()).error();
					pending.add(target + ((error != null) ? ": " + error : ""));
				}
				if (!pending.isEmpty()) {
					logger.info("Still waiting after " + millisSince(this.start) + " ms for "
							+ String.join("; ", pending));
				}
			}
		}

	}

}
