package io.portend;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

/**
 * One run of rounds of connection attempts to several ports at once, in the calling thread. All
 * attempts are non-blocking connects on one {@link Selector}: a round starts an attempt to every
 * address of a port's host, and the port is occupied as soon as one is accepted. Host names are
 * resolved in the background ({@link Resolution}), so that no resolver holds up the deadline or
 * the other ports. No attempt outlives the run's deadline. Single use; not thread-safe.
 */
final class Probe {

	/** What ends a port's rounds. */
	enum Goal {

		/** Rounds go on until a connection is accepted. */
		OCCUPIED,

		/** Rounds go on until no connection is accepted, or the host does not resolve. */
		FREE,

		/** One round each, its name resolution included within the connect timeout. */
		ONE_ROUND

	}

	/** A timeout long enough to mean "forever", small enough that deadline arithmetic never overflows. */
	static final long FOREVER = Long.MAX_VALUE / 4;

	/** The longest time between rounds that waiting alone leads to: portend's own interval. */
	private static final long LONGEST_INTERVAL = 100_000_000;

	/** The time between rounds grows to this fraction of the time waited so far. */
	private static final long INTERVAL_DIVISOR = 200;

	/**
	 * The shortest time between the rounds of a port that held readiness conversations, at most
	 * 20 a second: each one a server rejects costs it work, and often a log line.
	 */
	private static final long CONVERSATION_INTERVAL = 50_000_000;

	private final long connectTimeout;

	private final long pollInterval;

	private final long strictWindow;

	private final HostResolver resolver;

	private final Goal goal;

	private final @Nullable Consumer<PortStatus> progress;

	private final List<Port> ports;

	private final Queue<Resolution> resolved = new ConcurrentLinkedQueue<>();

	private @Nullable Selector selector;

	private long start;

	private long deadline;

	private int remaining;

	Probe(long connectTimeout, long pollInterval, long strictWindow, HostResolver resolver, Goal goal,
			Collection<HostPort> targets, @Nullable Consumer<PortStatus> progress) {
		this.connectTimeout = connectTimeout;
		this.pollInterval = pollInterval;
		this.strictWindow = strictWindow;
		this.resolver = resolver;
		this.goal = goal;
		this.progress = progress;
		this.ports = new ArrayList<>(targets.size());
		for (HostPort target : targets) {
			// Free means that nothing accepts a connection, whatever the protocol.
			this.ports.add(new Port(target, (goal != Goal.FREE) ? target.protocol().conversation() : null));
		}
		this.remaining = this.ports.size();
	}

	/**
	 * Runs rounds until every port reached the goal or the timeout passed.
	 * @param timeout nanoseconds, at most {@link #FOREVER}
	 * @return whether every port reached the goal
	 * @throws InterruptedException if the thread was interrupted; every socket is closed, and
	 * every resolution under way cancelled
	 */
	boolean run(long timeout) throws InterruptedException {
		long start = System.nanoTime();
		this.start = start;
		this.deadline = start + Math.min(timeout, FOREVER);
		try {
			for (Port port : this.ports) {
				startRound(port, start);
			}
			while (this.remaining > 0) {
				long now = System.nanoTime();
				long wait = nextWakeUp() - now;
				if (wait <= 0) {
					selector().selectNow();
				}
				else {
					// Round up: a 0 would block forever, and an early wake-up would only spin.
					selector().select(Math.max(1, (wait + 999_999) / 1_000_000));
				}
				if (Thread.interrupted()) {
					throw new InterruptedException();
				}
				now = System.nanoTime();
				handleResolved(now);
				handleSelected(now);
				expire(now);
				if (now - this.deadline >= 0) {
					break;
				}
				startDueRounds(now);
			}
			return this.remaining == 0;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot check ports: " + ex.getMessage(), ex);
		}
		finally {
			for (Port port : this.ports) {
				port.cancelResolution();
				port.closeAttempts();
			}
			closeSelector();
		}
	}

	/**
	 * Returns the selector, opened on first use: a run whose first round settles every port (on
	 * loopback, connect() itself tells, and an IP literal needs no resolver) never needs one.
	 */
	private Selector selector() {
		if (this.selector == null) {
			try {
				this.selector = Selector.open();
			}
			catch (IOException ex) {
				// The process is out of file descriptors.
				throw new UncheckedIOException("Cannot open a selector to check ports", ex);
			}
		}
		return this.selector;
	}

	private void closeSelector() {
		if (this.selector != null) {
			try {
				this.selector.close();
			}
			catch (IOException ex) {
				// Closing deregisters every channel, which the run has closed already.
			}
		}
	}

	/**
	 * Returns the last status of every port, in the order given.
	 */
	List<PortStatus> statuses() {
		List<PortStatus> statuses = new ArrayList<>(this.ports.size());
		for (Port port : this.ports) {
			statuses.add(port.status());
		}
		return statuses;
	}

	/**
	 * Returns the status of every port that did not reach the goal, in the order given: its
	 * last round, or the one before when the deadline cut the last one short and it proves
	 * nothing (a server that answered "not yet" is reported so, not as "no answer within 2 ms",
	 * and a refusal not as a name still being resolved).
	 */
	List<PortStatus> pending() {
		List<PortStatus> pending = new ArrayList<>();
		for (Port port : this.ports) {
			if (!port.done) {
				pending.add((port.inconclusive && port.lastConclusive != null) ? port.lastConclusive : port.status());
			}
		}
		return pending;
	}

	private long nextWakeUp() {
		long wakeUp = this.deadline;
		for (Port port : this.ports) {
			if (port.done) {
				continue;
			}
			if (port.resolution != null) {
				// A resolution wakes the selector when done; only a check's round has a deadline for it.
				wakeUp = earlier(wakeUp, resolutionDeadline(port));
			}
			else if (port.attempts.isEmpty()) {
				wakeUp = earlier(wakeUp, port.nextRound);
			}
			for (Attempt attempt : port.attempts) {
				wakeUp = earlier(wakeUp, attempt.wakeUp());
			}
		}
		return wakeUp;
	}

	private long resolutionDeadline(Port port) {
		return (this.goal == Goal.ONE_ROUND) ? earlier(port.roundStart + this.connectTimeout, this.deadline)
				: this.deadline;
	}

	private static long earlier(long a, long b) {
		return (a - b <= 0) ? a : b;
	}

	private void startDueRounds(long now) throws InterruptedException {
		for (Port port : this.ports) {
			if (!port.done && port.resolution == null && port.attempts.isEmpty() && now - port.nextRound >= 0) {
				startRound(port, now);
			}
		}
	}

	private void startRound(Port port, long now) throws InterruptedException {
		port.startRound(now);
		List<InetAddress> addresses = (this.resolver == HostResolver.system()) ? Resolution.literal(port.host) : null;
		if (addresses != null) {
			startAttempts(port, addresses);
		}
		else {
			port.resolution = Resolution.start(this.resolver, port, this.resolved, selector());
		}
	}

	private void handleResolved(long now) throws InterruptedException {
		Resolution resolution;
		while ((resolution = this.resolved.poll()) != null) {
			Port port = resolution.port;
			if (port.resolution != resolution) {
				// Cancelled: the round it served is over.
				continue;
			}
			port.resolution = null;
			try {
				startAttempts(port, resolution.addresses());
			}
			catch (UnknownHostException ex) {
				port.unresolved = "host " + port.host + " does not resolve (" + ex.getMessage() + ")";
				finishRound(port, now);
			}
		}
	}

	private void startAttempts(Port port, List<InetAddress> addresses) throws InterruptedException {
		for (int i = 0; i < addresses.size() && port.acceptedBy == null; i++) {
			InetAddress address = addresses.get(i);
			long deadline = earlier(System.nanoTime() + this.connectTimeout, this.deadline);
			try {
				Attempt attempt = Attempt.start(port, address, this.strictWindow, deadline, selector());
				port.attempts.add(attempt);
				settle(attempt);
			}
			catch (IOException | RuntimeException ex) {
				// No channel to be had: out of file descriptors, or no such address family here.
				port.failures.add(Failure.of(address, ex));
			}
		}
		if (port.roundOver()) {
			finishRound(port, System.nanoTime());
		}
	}

	private void handleSelected(long now) throws InterruptedException {
		Iterator<SelectionKey> keys = this.selector.selectedKeys().iterator();
		while (keys.hasNext()) {
			SelectionKey key = keys.next();
			keys.remove();
			Attempt attempt = (Attempt) key.attachment();
			if (!key.isValid() || attempt.outcome() != Attempt.Outcome.PENDING) {
				continue;
			}
			attempt.selected(key, selector(), now);
			settle(attempt);
			if (attempt.port.roundOver()) {
				finishRound(attempt.port, now);
			}
		}
	}

	/**
	 * Records an attempt that is over in its port's round: the port is occupied, or one more
	 * address failed.
	 */
	private static void settle(Attempt attempt) {
		Port port = attempt.port;
		switch (attempt.outcome()) {
			case ACCEPTED -> {
				port.acceptedBy = attempt.address;
				port.readyDetail = attempt.readyDetail();
				port.attempts.remove(attempt);
			}
			case FAILED -> {
				port.failures.add(attempt.failure());
				port.attempts.remove(attempt);
			}
			case PENDING -> {
				// Still under way.
			}
		}
		port.conversed |= attempt.conversed();
	}

	private void expire(long now) {
		for (Port port : this.ports) {
			if (port.resolution != null) {
				if (now - resolutionDeadline(port) >= 0) {
					port.cancelResolution();
					// Neither resolved nor known not to: nothing is proven either way.
					port.inconclusive = true;
					port.unresolved = "host " + port.host + " is still being resolved after "
							+ millis(now - port.roundStart) + " ms";
					finishRound(port, now);
				}
				continue;
			}
			if (port.attempts.isEmpty()) {
				continue;
			}
			for (Attempt attempt : List.copyOf(port.attempts)) {
				if (now - attempt.wakeUp() >= 0) {
					// An attempt the run's deadline cut short proves nothing: not "free" by timeout.
					port.inconclusive |= attempt.deadline == this.deadline;
					attempt.expire(now);
					settle(attempt);
				}
			}
			if (port.roundOver()) {
				finishRound(port, now);
			}
		}
	}

	private void finishRound(Port port, long now) {
		port.closeAttempts();
		port.roundEnd = now;
		if (!port.inconclusive) {
			// Kept for what a round the deadline cuts short would hide: a refusal, a service's "not yet".
			port.lastConclusive = port.status();
		}
		boolean reached = switch (this.goal) {
			case OCCUPIED -> port.acceptedBy != null;
			// A host that does not resolve has nothing that accepts a connection.
			case FREE -> port.acceptedBy == null && !port.inconclusive;
			case ONE_ROUND -> true;
		};
		if (reached) {
			port.done = true;
			this.remaining--;
		}
		else {
			long interval = interval(port.roundStart);
			port.nextRound = port.roundStart + (port.conversed ? Math.max(interval, CONVERSATION_INTERVAL) : interval);
		}
		if (this.progress != null) {
			this.progress.accept(port.status());
		}
	}

	/**
	 * Returns the time until the next round: the poll interval at first, then 0.5 % of the time
	 * waited so far, up to 100 ms. A change is noticed within milliseconds early in a wait, when
	 * services that start together come up, and within 0.5 % of the time waited later on, while
	 * a long wait costs ever less CPU.
	 */
	private long interval(long now) {
		return Math.max(this.pollInterval, Math.min((now - this.start) / INTERVAL_DIVISOR, LONGEST_INTERVAL));
	}

	private static long millis(long nanos) {
		return nanos / 1_000_000;
	}

}
