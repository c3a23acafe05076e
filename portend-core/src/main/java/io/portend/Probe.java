package io.portend;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * One run of rounds of connection attempts to several ports at once, in the calling thread. All
 * attempts are non-blocking connects on one {@link Selector}: a round starts an attempt to every
 * address of a port's host, and the port is occupied as soon as one is accepted. No attempt
 * outlives the run's deadline, and no thread is started. Single use; not thread-safe.
 */
final class Probe {

	/** What ends a port's rounds. */
	enum Goal {

		/** Rounds go on until a connection is accepted. */
		OCCUPIED,

		/** Rounds go on until no connection is accepted. */
		FREE,

		/** One round each. */
		ONE_ROUND

	}

	/** A timeout long enough to mean "forever", small enough that deadline arithmetic never overflows. */
	static final long FOREVER = Long.MAX_VALUE / 4;

	/** The longest time between rounds that waiting alone leads to: portend's own interval. */
	private static final long LONGEST_INTERVAL = 100_000_000;

	/** The time between rounds grows to this fraction of the time waited so far. */
	private static final long INTERVAL_DIVISOR = 200;

	private final long connectTimeout;

	private final long pollInterval;

	private final long strictWindow;

	private final HostResolver resolver;

	private final Goal goal;

	private final Consumer<PortStatus> progress;

	private final List<Port> ports;

	private final ByteBuffer readBuffer = ByteBuffer.allocate(1);

	private Selector selector;

	private long start;

	private long deadline;

	private int remaining;

	Probe(long connectTimeout, long pollInterval, long strictWindow, HostResolver resolver, Goal goal,
			Collection<HostPort> targets, Consumer<PortStatus> progress) {
		this.connectTimeout = connectTimeout;
		this.pollInterval = pollInterval;
		this.strictWindow = strictWindow;
		this.resolver = resolver;
		this.goal = goal;
		this.progress = progress;
		this.ports = new ArrayList<>(targets.size());
		for (HostPort target : targets) {
			this.ports.add(new Port(target));
		}
		this.remaining = this.ports.size();
	}

	/**
	 * Runs rounds until every port reached the goal or the timeout passed.
	 * @param timeout nanoseconds, at most {@link #FOREVER}
	 * @return whether every port reached the goal
	 * @throws InterruptedException if the thread was interrupted; every socket is closed
	 */
	boolean run(long timeout) throws InterruptedException {
		long start = System.nanoTime();
		this.start = start;
		this.deadline = start + Math.min(timeout, FOREVER);
		for (Port port : this.ports) {
			port.nextRound = start;
		}
		try {
			startDueRounds(start);
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
				handleSelected(now);
				expireAttempts(now);
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
			closeSelector();
			for (Port port : this.ports) {
				port.closeAttempts();
			}
		}
	}

	/**
	 * Returns the selector, opened on first use: a run whose first round settles every port (on
	 * loopback, connect() itself tells) never needs one, and a command line checking an open
	 * port exits sooner without.
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
				// Closing deregisters every channel, which the run closes next.
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
	 * Returns the last status of every port that did not reach the goal, in the order given.
	 */
	List<PortStatus> pending() {
		List<PortStatus> pending = new ArrayList<>();
		for (Port port : this.ports) {
			if (!port.done) {
				pending.add(port.status());
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
			if (port.attempts.isEmpty()) {
				wakeUp = earlier(wakeUp, port.nextRound);
			}
			for (Attempt attempt : port.attempts) {
				wakeUp = earlier(wakeUp, attempt.deadline);
			}
		}
		return wakeUp;
	}

	private static long earlier(long a, long b) {
		return (a - b <= 0) ? a : b;
	}

	private void startDueRounds(long now) throws InterruptedException {
		for (Port port : this.ports) {
			if (!port.done && port.attempts.isEmpty() && now - port.nextRound >= 0) {
				startRound(port);
			}
		}
	}

	private void startRound(Port port) throws InterruptedException {
		port.startRound(System.nanoTime());
		List<InetAddress> addresses;
		try {
			addresses = this.resolver.resolve(port.host);
			if (addresses == null || addresses.isEmpty()) {
				throw new UnknownHostException(port.host + ": no address");
			}
		}
		catch (UnknownHostException | RuntimeException ex) {
			port.unresolved = "host " + port.host + " does not resolve (" + ex.getMessage() + ")";
			finishRound(port, System.nanoTime());
			return;
		}
		for (int i = 0; i < addresses.size() && port.acceptedBy == null; i++) {
			startAttempt(port, addresses.get(i));
		}
		if (port.roundOver()) {
			finishRound(port, System.nanoTime());
		}
	}

	private void startAttempt(Port port, InetAddress address) throws InterruptedException {
		SocketChannel channel;
		try {
			channel = SocketChannel.open((address instanceof Inet6Address) ? StandardProtocolFamily.INET6
					: StandardProtocolFamily.INET);
			channel.configureBlocking(false);
		}
		catch (IOException | RuntimeException ex) {
			port.failed(address, ex);
			return;
		}
		long now = System.nanoTime();
		Attempt attempt = new Attempt(address, channel, earlier(now + this.connectTimeout, this.deadline), now);
		port.attempts.add(attempt);
		try {
			channel.connect(new InetSocketAddress(address, port.target.port()));
		}
		catch (ClosedByInterruptException ex) {
			throw interrupted();
		}
		catch (IOException | RuntimeException ex) {
			endAttempt(port, attempt, ex);
			return;
		}
		// On loopback the handshake is over when connect() returns: finishing at once spares a select.
		finishConnect(port, attempt, now);
	}

	private void handleSelected(long now) throws InterruptedException {
		Iterator<SelectionKey> keys = this.selector.selectedKeys().iterator();
		while (keys.hasNext()) {
			SelectionKey key = keys.next();
			keys.remove();
			Port port = (Port) key.attachment();
			Attempt attempt = port.attemptOn((SocketChannel) key.channel());
			if (attempt == null || !key.isValid()) {
				continue;
			}
			if (attempt.strictUntil == 0) {
				finishConnect(port, attempt, now);
			}
			else {
				readDuringStrictWindow(port, attempt);
			}
			if (port.roundOver()) {
				finishRound(port, now);
			}
		}
	}

	private void finishConnect(Port port, Attempt attempt, long now) throws InterruptedException {
		try {
			if (attempt.channel.finishConnect()) {
				connected(port, attempt, now);
			}
			else {
				attempt.channel.register(selector(), SelectionKey.OP_CONNECT, port);
			}
		}
		catch (ClosedByInterruptException ex) {
			throw interrupted();
		}
		catch (IOException | RuntimeException ex) {
			if (!isReset(ex)) {
				endAttempt(port, attempt, ex);
			}
			else if (this.strictWindow == 0) {
				// Only a completed handshake can be reset (a refused one is "refused"): a listener
				// accepted the connection and reset it before finishConnect() ran.
				accepted(port, attempt);
			}
			else {
				endAttempt(port, attempt, "connection reset by the peer at once");
			}
		}
	}

	private void connected(Port port, Attempt attempt, long now) throws IOException {
		if (this.strictWindow > 0) {
			// Container port proxies accept and close at once when nothing listens behind them:
			// only a connection that stays open (or sends data) proves a listener.
			attempt.strictUntil = now + this.strictWindow;
			attempt.deadline = earlier(attempt.strictUntil, this.deadline);
			attempt.channel.register(selector(), SelectionKey.OP_READ, port);
			return;
		}
		accepted(port, attempt);
	}

	private void readDuringStrictWindow(Port port, Attempt attempt) {
		try {
			this.readBuffer.clear();
			int read = attempt.channel.read(this.readBuffer);
			if (read > 0) {
				accepted(port, attempt);
			}
			else if (read < 0) {
				endAttempt(port, attempt, "connection closed by the peer at once");
			}
		}
		catch (IOException ex) {
			endAttempt(port, attempt, "connection reset by the peer at once");
		}
	}

	private void accepted(Port port, Attempt attempt) {
		port.acceptedBy = attempt.address;
		port.attempts.remove(attempt);
		closeQuietly(attempt.channel, true);
	}

	private void expireAttempts(long now) {
		for (Port port : this.ports) {
			if (port.attempts.isEmpty()) {
				continue;
			}
			for (int i = port.attempts.size() - 1; i >= 0; i--) {
				Attempt attempt = port.attempts.get(i);
				if (now - attempt.deadline < 0) {
					continue;
				}
				if (attempt.strictUntil != 0 && now - attempt.strictUntil >= 0) {
					accepted(port, attempt);
				}
				else {
					// An attempt the run's deadline cut short proves nothing: not "free" by timeout.
					port.inconclusive |= attempt.deadline == this.deadline;
					String what = (attempt.strictUntil != 0) ? "held open" : "answered";
					endAttempt(port, attempt, "not " + what + " within " + millis(now - attempt.started) + " ms");
				}
			}
			if (port.roundOver()) {
				finishRound(port, now);
			}
		}
	}

	/**
	 * Ends an attempt that failed; the reason is a message or an exception, formatted only if
	 * anyone reads it: a waiting round is cheaper without it.
	 */
	private void endAttempt(Port port, Attempt attempt, Object reason) {
		port.attempts.remove(attempt);
		closeQuietly(attempt.channel, attempt.strictUntil != 0);
		port.failed(attempt.address, reason);
	}

	private void finishRound(Port port, long now) {
		port.closeAttempts();
		port.roundEnd = now;
		boolean occupied = port.acceptedBy != null;
		// Not a switch: one on an enum costs the command line's start-up a synthetic class.
		boolean reached;
		if (this.goal == Goal.OCCUPIED) {
			reached = occupied;
		}
		else if (this.goal == Goal.FREE) {
			reached = !occupied && port.unresolved == null && !port.inconclusive;
		}
		else {
			reached = true;
		}
		if (reached) {
			port.done = true;
			this.remaining--;
		}
		else {
			port.nextRound = port.roundStart + interval(port.roundStart);
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

	private static InterruptedException interrupted() {
		Thread.interrupted();
		return new InterruptedException();
	}

	/**
	 * Whether an attempt failed because the peer reset it, which only an accepted connection can
	 * be: a refused attempt fails with a {@link ConnectException}.
	 */
	private static boolean isReset(Exception ex) {
		String message = ex.getMessage();
		return !(ex instanceof ConnectException) && message != null
				&& message.toLowerCase(Locale.ROOT).contains("connection reset");
	}

	private static String describe(Object reason) {
		if (!(reason instanceof Exception ex)) {
			return (String) reason;
		}
		String message = ex.getMessage();
		if (message == null || message.isEmpty()) {
			return ex.getClass().getSimpleName();
		}
		return Character.toLowerCase(message.charAt(0)) + message.substring(1);
	}

	private static long millis(long nanos) {
		return nanos / 1_000_000;
	}

	/**
	 * Closes a channel; one that connected is reset (SO_LINGER 0) so that frequent checks leave
	 * no TIME_WAIT sockets behind.
	 */
	static void closeQuietly(SocketChannel channel, boolean reset) {
		if (channel == null) {
			return;
		}
		try {
			if (reset) {
				channel.setOption(StandardSocketOptions.SO_LINGER, 0);
			}
		}
		catch (IOException | RuntimeException ex) {
			// The peer may already have reset the connection: closing is all that matters.
		}
		try {
			channel.close();
		}
		catch (IOException ex) {
			// Nothing more can be done with a socket that fails to close.
		}
	}

	/** One port's rounds. */
	private static final class Port {

		final HostPort target;

		/** The host to connect to: bind-all addresses mean loopback. */
		final String host;

		final List<Attempt> attempts = new ArrayList<>(2);

		final List<InetAddress> failedAddresses = new ArrayList<>(2);

		final List<Object> failures = new ArrayList<>(2);

		long roundStart;

		long roundEnd;

		long nextRound;

		boolean done;

		boolean inconclusive;

		InetAddress acceptedBy;

		String unresolved;

		Port(HostPort target) {
			this.target = target;
			this.host = Hosts.clientHost(target.host());
		}

		void startRound(long now) {
			this.roundStart = now;
			this.failedAddresses.clear();
			this.failures.clear();
			this.inconclusive = false;
			this.acceptedBy = null;
			this.unresolved = null;
		}

		boolean roundOver() {
			return this.acceptedBy != null || this.attempts.isEmpty();
		}

		Attempt attemptOn(SocketChannel channel) {
			for (Attempt attempt : this.attempts) {
				if (attempt.channel == channel) {
					return attempt;
				}
			}
			return null;
		}

		void failed(InetAddress address, Object reason) {
			this.failedAddresses.add(address);
			this.failures.add(reason);
		}

		void closeAttempts() {
			for (Attempt attempt : this.attempts) {
				closeQuietly(attempt.channel, attempt.strictUntil != 0);
			}
			this.attempts.clear();
		}

		/**
		 * Returns the status of the last round; built on demand, as most rounds of a wait are
		 * read by nobody. Every port's first round starts with the run, so there always is one.
		 */
		PortStatus status() {
			return new PortStatus(this.target, this.acceptedBy != null, this.unresolved == null,
					Duration.ofNanos(this.roundEnd - this.roundStart), reason());
		}

		private String reason() {
			if (this.unresolved != null) {
				return this.unresolved;
			}
			if (this.acceptedBy != null) {
				return "accepted by " + this.acceptedBy.getHostAddress();
			}
			if (this.failures.size() == 1) {
				return describe(this.failures.get(0));
			}
			StringBuilder reason = new StringBuilder();
			for (int i = 0; i < this.failures.size(); i++) {
				reason.append((i == 0) ? "" : "; ").append(this.failedAddresses.get(i).getHostAddress()).append(": ");
				reason.append(describe(this.failures.get(i)));
			}
			return reason.toString();
		}

	}

	/** One connection attempt to one address. */
	private static final class Attempt {

		final InetAddress address;

		final SocketChannel channel;

		final long started;

		long deadline;

		/** When the strict check's window ends; 0 until connected with a strict check. */
		long strictUntil;

		Attempt(InetAddress address, SocketChannel channel, long deadline, long started) {
			this.address = address;
			this.channel = channel;
			this.deadline = deadline;
			this.started = started;
		}

	}

}
