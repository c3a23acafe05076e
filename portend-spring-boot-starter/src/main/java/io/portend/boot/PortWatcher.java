package io.portend.boot;

import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;

import io.portend.Checker;
import io.portend.PortTimeoutException;
import org.jspecify.annotations.Nullable;

/**
 * Watches named TCP ports: keeps the last known state of each, checks them again on request,
 * waits for them, and optionally monitors them in the background, telling its
 * {@linkplain #addListener(PortStateListener) listeners} of every change. Thread-safe, and free
 * of Spring.
 *
 * <p>Checks and waits run on the watcher's own daemon threads, which end when the watcher is
 * {@linkplain #close() closed}: a wait can then be abandoned by interrupting or cancelling it,
 * and no connection attempt outlives the watcher. A round of checks takes about the
 * {@link Checker}'s connection timeout however many targets there are, and concurrent callers of
 * {@link #checkAll(Duration)} share one round instead of each starting their own. The methods
 * that connect say so in their names ({@code check…}, {@code await…}); the others read the
 * last known state.
 */
public class PortWatcher implements AutoCloseable {

	private final Checker checker;

	private final StatusStore store;

	private final WatcherThreads threads = new WatcherThreads();

	private final ExecutorService checkPool;

	private final SharedRounds rounds;

	private @Nullable ScheduledMonitoring monitoring;

	private boolean closed;

	/**
	 * Creates a watcher of the given targets. Nothing is checked until asked.
	 * @param checker the checker to check the targets with
	 * @param targets the targets, with distinct names
	 * @throws IllegalArgumentException if two targets have the same name
	 */
	public PortWatcher(Checker checker, Collection<PortTarget> targets) {
		this(checker, targets, Clock.systemUTC());
	}

	/**
	 * Creates a watcher of the given targets whose statuses take their times from a clock.
	 * @param checker the checker to check the targets with
	 * @param targets the targets, with distinct names
	 * @param clock the clock of {@link TargetStatus#since()} and {@link TargetStatus#checkedAt()}
	 * @throws IllegalArgumentException if two targets have the same name
	 */
	public PortWatcher(Checker checker, Collection<PortTarget> targets, Clock clock) {
		this.checker = checker;
		this.store = new StatusStore(targets, clock);
		this.checkPool = this.threads.checkPool();
		this.rounds = new SharedRounds(checker, this.store, this.checkPool);
	}

	/**
	 * Returns the watched targets, in the order given.
	 * @return the targets
	 */
	public List<PortTarget> targets() {
		return List.copyOf(this.store.targets().values());
	}

	/**
	 * Returns the last known status of a target, without checking it.
	 * @param name the target's name
	 * @return its status
	 * @throws IllegalArgumentException if no target has that name
	 */
	public TargetStatus status(String name) {
		return this.store.status(name);
	}

	/**
	 * Returns the last known status of every target, in order, without checking them.
	 * @return the statuses
	 */
	public List<TargetStatus> statuses() {
		return this.store.statuses();
	}

	/**
	 * Checks every target, unless a round of checks started less than {@code maxAge} before
	 * this call (or after it): then returns that round's statuses. Callers arriving while such a
	 * round runs share its outcome, so a burst of calls makes one round of connection attempts;
	 * a round under way that started earlier is waited for, and then a new one starts. Takes at
	 * most about the connection timeout, or twice that behind such an earlier round.
	 * @param maxAge how long before this call the round may have started
	 * @return the statuses, in order
	 * @throws InterruptedException if the thread was interrupted while a round ran
	 * @throws IllegalStateException if the watcher is closed
	 */
	public List<TargetStatus> checkAll(Duration maxAge) throws InterruptedException {
		return this.rounds.checkAll(maxAge);
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
		PortTarget target = this.store.target(name);
		return this.store.record(target, this.checker.check(target.address()));
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
	public void await(String name, @Nullable Duration timeout) throws PortTimeoutException, InterruptedException {
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
	public void awaitAll(@Nullable Duration timeout) throws PortTimeoutException, InterruptedException {
		join(awaitAsync(this.store.targets().keySet(), timeout, null));
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
	public CompletableFuture<Void> awaitAsync(Collection<String> names, @Nullable Duration timeout,
			@Nullable Consumer<TargetStatus> progress) {
		return GroupedWait.start(this.checker, this.store, this.checkPool, names, timeout, progress);
	}

	/**
	 * Tells a listener of every change of state from now on, whichever check sees it.
	 * @param listener the listener
	 */
	public void addListener(PortStateListener listener) {
		this.store.addListener(listener);
	}

	/**
	 * Stops telling a listener of changes.
	 * @param listener the listener
	 */
	public void removeListener(PortStateListener listener) {
		this.store.removeListener(listener);
	}

	/**
	 * Starts checking every target at a fixed delay, in a thread of the watcher's own; the
	 * first round starts at once. Every change a round sees goes to the listeners.
	 * @param interval the delay between two rounds of checks; positive
	 * @param afterRound called with every target's status after each round of monitoring, in
	 * the monitoring thread; or {@code null}
	 * @throws IllegalArgumentException if the interval is not positive
	 * @throws IllegalStateException if the watcher is closed or monitoring already
	 */
	public synchronized void startMonitoring(Duration interval, @Nullable Consumer<List<TargetStatus>> afterRound) {
		if (interval.isZero() || interval.isNegative()) {
			throw new IllegalArgumentException("Invalid monitoring interval " + interval + ": it must be positive.");
		}
		if (this.closed || this.monitoring != null) {
			throw new IllegalStateException(this.closed ? "The watcher is closed." : "The watcher monitors already.");
		}
		this.monitoring = ScheduledMonitoring.start(this.threads, interval, () -> checkAll(Duration.ZERO), afterRound);
	}

	/**
	 * Returns whether the watcher monitors its targets.
	 * @return whether monitoring runs
	 */
	public synchronized boolean isMonitoring() {
		return this.monitoring != null;
	}

	/**
	 * Stops monitoring, if it runs, and waits until its thread has ended.
	 */
	public void stopMonitoring() {
		ScheduledMonitoring stopped;
		synchronized (this) {
			stopped = this.monitoring;
			this.monitoring = null;
		}
		if (stopped != null) {
			stopped.stop();
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
		WatcherThreads.shutdown(this.checkPool);
		this.threads.join();
	}

	@Override
	public String toString() {
		return "PortWatcher" + this.store.targets().values();
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

	static RuntimeException unchecked(Throwable failure) {
		if (failure instanceof RuntimeException runtime) {
			return runtime;
		}
		if (failure instanceof Error error) {
			throw error;
		}
		return new IllegalStateException(failure);
	}

}
