package io.portend.boot;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

import io.portend.Checker;
import io.portend.HostPort;
import io.portend.PortStatus;
import org.jspecify.annotations.Nullable;

/**
 * Rounds of checks of every target, shared between the callers that arrive while one runs: a
 * burst of calls makes one round of connection attempts.
 */
final class SharedRounds {

	private final Checker checker;

	private final StatusStore store;

	private final Executor executor;

	private final Object roundLock = new Object();

	private @Nullable CompletableFuture<List<TargetStatus>> round;

	private long roundStart;

	private long lastRoundStart;

	private boolean roundCompleted;

	SharedRounds(Checker checker, StatusStore store, Executor executor) {
		this.checker = checker;
		this.store = store;
		this.executor = executor;
	}

	/**
	 * Returns the statuses from a round that started less than {@code maxAge} before this call,
	 * or after it, starting one if there is none.
	 * @see PortWatcher#checkAll(Duration)
	 */
	List<TargetStatus> checkAll(Duration maxAge) throws InterruptedException {
		long called = System.nanoTime();
		long maxAgeNanos = maxAge.toNanos();
		while (true) {
			CompletableFuture<List<TargetStatus>> current;
			boolean recent;
			synchronized (this.roundLock) {
				current = this.round;
				if (current == null) {
					if (this.roundCompleted && startedInTime(this.lastRoundStart, called, maxAgeNanos)) {
						return this.store.statuses();
					}
					current = startRound();
				}
				recent = startedInTime(this.roundStart, called, maxAgeNanos);
			}
			try {
				List<TargetStatus> outcome = current.get();
				if (recent) {
					return outcome;
				}
			}
			catch (ExecutionException ex) {
				if (recent) {
					throw PortWatcher.unchecked(ex.getCause());
				}
			}
			// That round started too early for this call, and has ended: look again.
		}
	}

	/**
	 * Whether a round that started at {@code start} serves a call at {@code called}: it started
	 * at or after the call, or less than {@code maxAgeNanos} before it.
	 */
	private static boolean startedInTime(long start, long called, long maxAgeNanos) {
		return start - called >= 0 || called - start < maxAgeNanos;
	}

	private CompletableFuture<List<TargetStatus>> startRound() {
		long start = System.nanoTime();
		CompletableFuture<List<TargetStatus>> started = new CompletableFuture<>();
		this.round = started;
		this.roundStart = start;
		try {
			this.executor.execute(() -> runRound(start, started));
		}
		catch (RejectedExecutionException ex) {
			this.round = null;
			throw new IllegalStateException("The watcher is closed.", ex);
		}
		return started;
	}

	private void runRound(long start, CompletableFuture<List<TargetStatus>> outcome) {
		try {
			Map<HostPort, List<PortTarget>> byAddress = new LinkedHashMap<>();
			for (PortTarget target : this.store.targets().values()) {
				byAddress.computeIfAbsent(target.address(), (key) -> new ArrayList<>()).add(target);
			}
			for (PortStatus check : this.checker.check(byAddress.keySet())) {
				byAddress.get(check.target()).forEach((target) -> this.store.record(target, check));
			}
			endRound(start, true);
			outcome.complete(this.store.statuses());
		}
		catch (InterruptedException ex) {
			endRound(start, false);
			outcome.completeExceptionally(new IllegalStateException("The watcher is closed."));
		}
		catch (RuntimeException | Error ex) {
			endRound(start, false);
			outcome.completeExceptionally(ex);
		}
	}

	private void endRound(long start, boolean completed) {
		synchronized (this.roundLock) {
			this.round = null;
			if (completed) {
				this.lastRoundStart = start;
				this.roundCompleted = true;
			}
		}
	}

}
