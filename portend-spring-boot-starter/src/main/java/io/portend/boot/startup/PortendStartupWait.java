package io.portend.boot.startup;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;

import io.portend.PortTimeoutException;
import io.portend.boot.PortTarget;
import io.portend.boot.PortWatcher;
import io.portend.boot.TargetStatus;
import org.jspecify.annotations.Nullable;

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
 * so ahead-of-time processing never waits. The log, and any {@link StartupWaitListener} given,
 * follow the wait.
 */
public final class PortendStartupWait implements InitializingBean, SmartInitializingSingleton, ApplicationStartupAware {

	private final PortWatcher watcher;

	private final Duration timeout;

	private final boolean blockStartup;

	private final StartupLog log;

	private final List<StartupWaitListener> listeners = new ArrayList<>();

	private ApplicationStartup applicationStartup = ApplicationStartup.DEFAULT;

	private List<PortTarget> awaited = List.of();

	private long start;

	private @Nullable CompletableFuture<Void> wait;

	private final Progress progress = new Progress();

	private boolean joined;

	private volatile @Nullable Duration waitTime;

	/**
	 * Creates a start-up wait.
	 * @param watcher the watcher whose targets to wait for
	 * @param timeout how long to wait for all required targets together
	 * @param blockStartup whether to wait at all
	 * @param progressInterval how often the log lists the targets still awaited
	 * @param listeners told how the wait goes
	 */
	public PortendStartupWait(PortWatcher watcher, Duration timeout, boolean blockStartup, Duration progressInterval,
			List<StartupWaitListener> listeners) {
		this.watcher = watcher;
		this.timeout = timeout;
		this.blockStartup = blockStartup;
		this.log = new StartupLog(progressInterval);
		this.listeners.add(this.log);
		this.listeners.addAll(listeners);
	}

	@Override
	public void setApplicationStartup(ApplicationStartup applicationStartup) {
		this.applicationStartup = applicationStartup;
	}

	/**
	 * Returns whether start-up waits for required targets.
	 * @return whether it waits
	 */
	public boolean blocksStartup() {
		return this.blockStartup && this.watcher.targets().stream().anyMatch(PortTarget::required);
	}

	/**
	 * Returns how long the required targets took to be all up, from the start of the wait.
	 * Never waits.
	 * @return the time waited, or {@code null} while start-up waits, or if it did not wait
	 */
	public @Nullable Duration getWaitTime() {
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
		this.listeners.forEach((listener) -> listener.waitStarted(awaited, this.timeout));
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
		CompletableFuture<Void> wait = this.wait;
		if (wait == null || this.joined) {
			return;
		}
		StartupStep step = this.applicationStartup.start("portend.startup.wait");
		try {
			// No timeout here: the watcher enforces the deadline. A thread WAITING without one is
			// what AbstractApplicationContext.close() interrupts when it finds refresh() stuck.
			wait.get();
		}
		catch (InterruptedException ex) {
			wait.cancel(true);
			Thread.currentThread().interrupt();
			throw ended(new PortendStartupCancelledException(StartupLog.describe(targets(unreached())), ex));
		}
		catch (CancellationException ex) {
			throw ended(new PortendStartupCancelledException(StartupLog.describe(targets(unreached())), ex));
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof PortTimeoutException) {
				throw ended(new PortendStartupTimeoutException(unreached(), this.timeout, elapsed(), ex.getCause()));
			}
			throw ended(new IllegalStateException("Waiting for " + StartupLog.describe(this.awaited) + " failed",
					ex.getCause()));
		}
		finally {
			step.end();
		}
		this.joined = true;
		Duration waited = this.progress.allUp();
		this.waitTime = waited;
		this.listeners.forEach((listener) -> listener.waitEnded(List.of(), waited, null));
	}

	private RuntimeException ended(RuntimeException failure) {
		List<TargetStatus> unreached = unreached();
		Duration elapsed = elapsed();
		this.listeners.forEach((listener) -> listener.waitEnded(unreached, elapsed, failure));
		return failure;
	}

	private void checkInBackground(List<PortTarget> targets) {
		this.log.notWaiting(targets, this.blockStartup);
		Set<String> reported = new HashSet<>();
		long start = System.nanoTime();
		this.watcher.awaitAsync(names(targets), this.timeout, (status) -> {
			synchronized (reported) {
				// Each target once when unreachable, and when it comes up.
				if (status.occupied() || reported.add(status.name())) {
					this.log.backgroundOutcome(status, Duration.ofNanos(System.nanoTime() - start));
				}
			}
		});
	}

	private Duration elapsed() {
		return Duration.ofNanos(System.nanoTime() - this.start);
	}

	private List<TargetStatus> unreached() {
		List<TargetStatus> unreached = new ArrayList<>();
		for (PortTarget target : this.awaited) {
			TargetStatus status = this.watcher.status(target.name());
			if (!status.occupied()) {
				unreached.add(status);
			}
		}
		return unreached;
	}

	private static List<PortTarget> targets(List<TargetStatus> statuses) {
		return statuses.stream().map(TargetStatus::target).toList();
	}

	private static List<String> names(List<PortTarget> targets) {
		return targets.stream().map(PortTarget::name).toList();
	}

	/**
	 * Follows the wait from the watcher's threads after every round of checks, telling the
	 * listeners when a target comes up.
	 */
	private final class Progress implements Consumer<TargetStatus> {

		private final Set<String> up = new HashSet<>();

		private Duration allUp = Duration.ZERO;

		/**
		 * Returns when the last awaited target came up, from the start of the wait.
		 */
		synchronized Duration allUp() {
			return this.allUp;
		}

		@Override
		public synchronized void accept(TargetStatus status) {
			Duration elapsed = elapsed();
			for (StartupWaitListener listener : PortendStartupWait.this.listeners) {
				listener.targetChecked(status, elapsed);
			}
			if (status.occupied() && this.up.add(status.name())) {
				for (StartupWaitListener listener : PortendStartupWait.this.listeners) {
					listener.targetUp(status, elapsed);
				}
				if (this.up.size() == PortendStartupWait.this.awaited.size()) {
					this.allUp = elapsed;
				}
			}
		}

	}

}
