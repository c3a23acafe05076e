package io.portend.boot;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import io.portend.Checker;
import io.portend.HostPort;
import io.portend.PortStatus;
import io.portend.PortTimeoutException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Watches named TCP ports: keeps the last known state of each, checks them again on request,
 * waits for them, and optionally monitors them in the background. Thread-safe.
 *
 * <p>Checks and waits run on the watcher's own daemon threads, which end when the watcher is
 * {@linkplain #close() closed}: a wait can then be abandoned by interrupting or cancelling it,
 * and no connection attempt outlives the watcher. A round of checks takes about the
 * {@link Checker}'s connection timeout however many targets there are, and concurrent callers of
 * {@link #statuses(Duration)} share one round instead of each starting their own.
 */
public class PortWatcher implements AutoCloseable {

	private static final Log logger = LogFactory.getLog(PortWatcher.class);

	private static final AtomicInteger watcherCount = new AtomicInteger();

	private final Checker checker;

	private final Map<String, PortTarget> targets;

	private final Map<String, TargetStatus> statuses = new ConcurrentHashMap<>();

	private final ExecutorService executor;

	private final Set<Thread> threads = ConcurrentHashMap.newKeySet();

	private final String threadPrefix;

	/** Serialises state changes so that listeners see them in order. */
	private final Object updateLock = new Object();

	private final Object roundLock = new Object();

	private CompletableFuture<List<TargetStatus>> round;

	private long roundStart;

	private long lastRoundStart;

	private boolean roundCompleted;

	private volatile Consumer<PortStateChangedEvent> listener;

	private ScheduledExecutorService monitor;

	private boolean closed;

	/**
	 * Creates a watcher of the given targets. Nothing is checked until asked.
	 * @param checker the checker to check the targets with
	 * @param targets the targets, with distinct names
	 * @throws IllegalArgumentException if the checker is null, or two targets have the same name
	 */
	public PortWatcher(Checker checker, Collection<PortTarget> targets) {
		if (checker == null) {
			throw new IllegalArgumentException("Checker must not be null.");
		}
		Map<String, PortTarget> byName = new LinkedHashMap<>();
		Instant now = Instant.now();
		for (PortTarget target : targets) {
			if (byName.putIfAbsent(target.name(), target) != null) {
				throw new IllegalArgumentException("Two targets are named '" + target.name() + "'.");
			}
			this.statuses.put(target.name(), TargetStatus.unchecked(target, now));
		}
		this.checker = checker;
		this.targets = Collections.unmodifiableMap(byName);
		this.threadPrefix = "portend-" + watcherCount.incrementAndGet();
		this.executor = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 1, TimeUnit.SECONDS, new SynchronousQueue<>(),
				daemonThreads(this.threadPrefix + "-check-"));
	}

	/**
	 * Returns the watched targets, in the order given.
	 * @return the targets
	 */
	public List<PortTarget> targets() {
		return List.copyOf(this.targets.values());
	}

	/**
	 * Returns the last known status of a target, without checking it.
	 * @param name the target's name
	 * @return its status
	 * @throws IllegalArgumentException if no target has that name
	 */
	public TargetStatus status(String name) {
		return this.statuses.get(target(name).name());
	}

	/**
	 * Returns the last known status of every target, in order, without checking them.
	 * @return the statuses
	 */
	public List<TargetStatus> statuses() {
		List<TargetStatus> result = new ArrayList<>(this.targets.size());
		for (String name : this.targets.keySet()) {
			result.add(this.statuses.get(name));
		}
		return result;
	}

	/**
	 * Returns the status of every target from a round of checks that started less than
	 * {@code maxAge} before this call (or after it), checking all of them again first if there
	 * is no such round. Callers arriving while such a round runs share its outcome, so a burst
	 * of calls makes one round of connection attempts; a round under way that started earlier
	 * is waited for, and then a new one starts. Takes at most about the connection timeout, or
	 * twice that behind such an earlier round.
	 * @param maxAge how long before this call the round may have started
	 * @return the statuses, in order
	 * @throws InterruptedException if the thread was interrupted while a round ran
	 * @throws IllegalStateException if the watcher is closed
	 */
	public List<TargetStatus> statuses(Duration maxAge) throws InterruptedException {
		long called = System.nanoTime();
		long maxAgeNanos = maxAge.toNanos();
		while (true) {
			CompletableFuture<List<TargetStatus>> current;
			boolean recent;
			synchronized (this.roundLock) {
				current = this.round;
				if (current == null) {
					if (this.roundCompleted && startedInTime(this.lastRoundStart, called, maxAgeNanos)) {
						return statuses();
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
					throw unchecked(ex.getCause());
				}
			}
			// That round started too early for this call, and has ended: look again.
		}
	}

	/**
	 * Checks one target now, in the calling thread: one round of attempts, taking at most the
	 * connection timeout.
	 * @param name the target's name
	 * @return its new status
	 * @throws InterruptedException if the thread was interrupted
	 * @throws IllegalArgumentException if no target has that name
	 */
	public TargetStatus check(String name) throws InterruptedException {
		PortTarget target = target(name);
		return record(target, this.checker.check(target.address()));
	}

	/**
	 * Waits until a target is occupied.
	 * @param name the target's name
	 * @param timeout how long to wait at most, capped by the target's own timeout; {@code null}
	 * waits as long as the target's timeout, or forever
	 * @throws PortTimeoutException if the target was not occupied in time
	 * @throws InterruptedException if the thread was interrupted
	 * @throws IllegalArgumentException if no target has that name
	 */
	public void await(String name, Duration timeout) throws PortTimeoutException, InterruptedException {
		join(awaitAsync(List.of(name), timeout, null));
	}

	/**
	 * Waits until every target, required or not, is occupied, checking them all at the same
	 * time.
	 * @param timeout how long to wait at most, capped for each target by its own timeout;
	 * {@code null} waits as long as each target's timeout, or forever
	 * @throws PortTimeoutException if a target was not occupied in time; its message names every
	 * such target
	 * @throws InterruptedException if the thread was interrupted
	 */
	public void awaitAll(Duration timeout) throws PortTimeoutException, InterruptedException {
		join(awaitAsync(this.targets.keySet(), timeout, null));
	}

	/**
	 * Starts waiting, on the watcher's threads, until the named targets are occupied. All of
	 * them are checked at the same time and under one deadline; a target with a timeout of its
	 * own fails the wait when that shorter deadline passes. The returned future completes when
	 * every target is occupied, or exceptionally with a {@link PortTimeoutException} naming
	 * every target not occupied yet. Cancelling it stops the wait at once.
	 * @param names the targets' names
	 * @param timeout how long to wait at most; {@code null} waits as long as each target's
	 * timeout, or forever
	 * @param progress called with a target's status after every round of checks it takes part
	 * in, from the watcher's threads; or {@code null}
	 * @return the wait
	 * @throws IllegalArgumentException if no target has one of the names, or the timeout is
	 * negative
	 * @throws IllegalStateException if the watcher is closed
	 */
	public CompletableFuture<Void> awaitAsync(Collection<String> names, Duration timeout,
			Consumer<TargetStatus> progress) {
		if (timeout != null && timeout.isNegative()) {
			throw new IllegalArgumentException("Invalid timeout " + timeout + ": it must not be negative.");
		}
		// Plain loops, and targets told apart by name rather than by record equality: this runs
		// on the start-up path, where the first use of each stream shape or record method costs
		// a cold JVM milliseconds.
		Map<String, PortTarget> awaited = new LinkedHashMap<>();
		Map<Duration, Map<HostPort, List<PortTarget>>> groups = new LinkedHashMap<>();
		for (String name : names) {
			PortTarget target = target(name);
			if (awaited.putIfAbsent(target.name(), target) == null) {
				groups.computeIfAbsent(earliest(timeout, target.timeout()), (key) -> new LinkedHashMap<>())
					.computeIfAbsent(target.address(), (key) -> new ArrayList<>())
					.add(target);
			}
		}
		Wait wait = new Wait(List.copyOf(awaited.values()), groups.size(), progress);
		if (groups.isEmpty()) {
			wait.complete(null);
			return wait;
		}
		List<Future<?>> tasks = new ArrayList<>(groups.size());
		try {
			for (Map.Entry<Duration, Map<HostPort, List<PortTarget>>> group : groups.entrySet()) {
				tasks.add(this.executor.submit(() -> wait.awaitGroup(group.getKey(), group.getValue())));
			}
		}
		catch (RejectedExecutionException ex) {
			for (Future<?> task : tasks) {
				task.cancel(true);
			}
			throw new IllegalStateException("The watcher is closed.", ex);
		}
		// Once one group fails or the wait is cancelled, the other groups have nothing left to do.
		wait.whenComplete((result, failure) -> tasks.forEach((task) -> task.cancel(true)));
		return wait;
	}

	/**
	 * Starts checking every target at a fixed delay, in a thread of the watcher's own, and calls
	 * the listener with every change of state from then on (also those seen by other checks),
	 * in order. Each change is also logged. The first round starts at once.
	 * @param interval the delay between two rounds of checks; positive
	 * @param listener called with each change, in the thread that saw it; should not block
	 * @param afterRound called with every target's status after each round of monitoring, in
	 * the monitoring thread; or {@code null}
	 * @throws IllegalArgumentException if the interval is not positive
	 * @throws IllegalStateException if the watcher is closed or monitoring already
	 */
	public synchronized void startMonitoring(Duration interval, Consumer<PortStateChangedEvent> listener,
			Consumer<List<TargetStatus>> afterRound) {
		if (interval == null || interval.isZero() || interval.isNegative()) {
			throw new IllegalArgumentException("Invalid monitoring interval " + interval + ": it must be positive.");
		}
		if (this.closed || this.monitor != null) {
			throw new IllegalStateException(this.closed ? "The watcher is closed." : "The watcher monitors already.");
		}
		this.listener = listener;
		this.monitor = Executors.newSingleThreadScheduledExecutor(daemonThreads(this.threadPrefix + "-monitor-"));
		this.monitor.scheduleWithFixedDelay(() -> monitorRound(afterRound), 0, interval.toNanos(),
				TimeUnit.NANOSECONDS);
		logger.info("Monitoring " + String.join(", ", this.targets.values().stream().map(PortTarget::toString).toList())
				+ " every " + interval.toMillis() + " ms");
	}

	/**
	 * Returns whether the watcher monitors its targets.
	 * @return whether monitoring runs
	 */
	public synchronized boolean isMonitoring() {
		return this.monitor != null;
	}

	/**
	 * Stops monitoring, if it runs, and waits until its thread has ended.
	 */
	public void stopMonitoring() {
		ScheduledExecutorService stopped;
		synchronized (this) {
			stopped = this.monitor;
			this.monitor = null;
			this.listener = null;
		}
		if (stopped != null) {
			stopped.shutdownNow();
			awaitTermination(stopped);
		}
	}

	/**
	 * Stops monitoring and every wait and check under way, and waits until the watcher's threads
	 * have ended.
	 */
	@Override
	public void close() {
		synchronized (this) {
			if (this.closed) {
				return;
			}
			this.closed = true;
		}
		stopMonitoring();
		this.executor.shutdownNow();
		awaitTermination(this.executor);
		joinThreads();
	}

	@Override
	public String toString() {
		return "PortWatcher" + this.targets.values();
	}

	private PortTarget target(String name) {
		PortTarget target = (name != null) ? this.targets.get(name) : null;
		if (target == null) {
			throw new IllegalArgumentException("No target is named '" + name + "'; the targets are "
					+ this.targets.keySet() + ".");
		}
		return target;
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
			this.executor.execute(() -> {
				try {
					Map<HostPort, List<PortTarget>> byAddress = new LinkedHashMap<>();
					this.targets.values()
						.forEach((target) -> byAddress.computeIfAbsent(target.address(), (key) -> new ArrayList<>())
							.add(target));
					for (PortStatus check : this.checker.check(byAddress.keySet())) {
						byAddress.get(check.target()).forEach((target) -> record(target, check));
					}
					endRound(start, true);
					started.complete(statuses());
				}
				catch (InterruptedException ex) {
					endRound(start, false);
					started.completeExceptionally(new IllegalStateException("The watcher is closed."));
				}
				catch (RuntimeException | Error ex) {
					endRound(start, false);
					started.completeExceptionally(ex);
				}
			});
		}
		catch (RejectedExecutionException ex) {
			this.round = null;
			throw new IllegalStateException("The watcher is closed.", ex);
		}
		return started;
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

	private void monitorRound(Consumer<List<TargetStatus>> afterRound) {
		try {
			List<TargetStatus> statuses = statuses(Duration.ZERO);
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

	private TargetStatus record(PortTarget target, PortStatus check) {
		synchronized (this.updateLock) {
			TargetStatus previous = this.statuses.get(target.name());
			TargetStatus current = previous.next(check, Instant.now());
			this.statuses.put(target.name(), current);
			Consumer<PortStateChangedEvent> changes = this.listener;
			if (changes != null && current.state() != previous.state()) {
				logger.info(target + " is now " + current.state() + " (was " + previous.state() + "): "
						+ check.reason());
				try {
					changes.accept(new PortStateChangedEvent(this, previous, current));
				}
				catch (RuntimeException ex) {
					logger.warn("Listener failed on a state change of " + target, ex);
				}
			}
			return current;
		}
	}

	private PortTimeoutException timeout(List<PortTarget> awaited, PortTimeoutException cause) {
		List<PortStatus> pending = new ArrayList<>();
		List<String> reasons = new ArrayList<>();
		for (PortTarget target : awaited) {
			TargetStatus status = this.statuses.get(target.name());
			if (!status.occupied()) {
				reasons.add(target + ": " + ((status.error() != null) ? status.error() : "not checked yet"));
				if (status.lastCheck() != null) {
					pending.add(status.lastCheck());
				}
			}
		}
		return new PortTimeoutException("Not occupied in time: " + String.join("; ", reasons) + ".",
				pending.isEmpty() ? cause.pending() : pending);
	}

	private static Duration earliest(Duration timeout, Duration targetTimeout) {
		if (timeout == null) {
			return targetTimeout;
		}
		return (targetTimeout != null && targetTimeout.compareTo(timeout) < 0) ? targetTimeout : timeout;
	}

	private static void join(CompletableFuture<Void> wait) throws PortTimeoutException, InterruptedException {
		try {
			wait.get();
		}
		catch (InterruptedException ex) {
			wait.cancel(true);
			throw ex;
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof PortTimeoutException timeout) {
				throw timeout;
			}
			throw unchecked(ex.getCause());
		}
	}

	private static RuntimeException unchecked(Throwable failure) {
		if (failure instanceof RuntimeException runtime) {
			return runtime;
		}
		if (failure instanceof Error error) {
			throw error;
		}
		return new IllegalStateException(failure);
	}

	private static void awaitTermination(ExecutorService executor) {
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

	private ThreadFactory daemonThreads(String prefix) {
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

	/**
	 * Waits until every thread of the watcher has ended: a terminated executor's last threads
	 * may still be finishing.
	 */
	private void joinThreads() {
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

	/**
	 * One wait of {@link #awaitAsync}: completes when every group of its targets (those with
	 * the same deadline) is occupied, or when one group fails.
	 */
	private final class Wait extends CompletableFuture<Void> {

		private final List<PortTarget> awaited;

		private final AtomicInteger remainingGroups;

		private final Consumer<TargetStatus> progress;

		Wait(List<PortTarget> awaited, int groups, Consumer<TargetStatus> progress) {
			this.awaited = awaited;
			this.remainingGroups = new AtomicInteger(groups);
			this.progress = progress;
		}

		void awaitGroup(Duration timeout, Map<HostPort, List<PortTarget>> byAddress) {
			try {
				PortWatcher.this.checker.awaitOccupied(byAddress.keySet(), timeout, (check) -> {
					for (PortTarget target : byAddress.get(check.target())) {
						TargetStatus status = record(target, check);
						if (this.progress != null) {
							this.progress.accept(status);
						}
					}
				});
				if (this.remainingGroups.decrementAndGet() == 0) {
					complete(null);
				}
			}
			catch (PortTimeoutException ex) {
				for (PortStatus check : ex.pending()) {
					for (PortTarget target : byAddress.get(check.target())) {
						record(target, check);
					}
				}
				completeExceptionally(timeout(this.awaited, ex));
			}
			catch (InterruptedException ex) {
				completeExceptionally(new CancellationException("The wait was cancelled."));
			}
			catch (RuntimeException | Error ex) {
				completeExceptionally(ex);
			}
		}

	}

}
