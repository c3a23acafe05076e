package io.portend;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;

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

	private final Consumer<PortStatus> progress;

	private final List<Port> ports;

	private final Queue<Resolution> resolved = new ConcurrentLinkedQueue<>();

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
			if (port.resolution != null) {
				// A resolution wakes the selector when done; only a check's round has a deadline for it.
				wakeUp = earlier(wakeUp, resolutionDeadline(port));
			}
			else if (port.attempts.isEmpty()) {
				wakeUp = earlier(wakeUp, port.nextRound);
			}
			for (Attempt attempt : port.attempts) {
				wakeUp = earlier(wakeUp, attempt.deadline);
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
			port.resolution = Resolution.start(this.resolver, port.host, this.resolved, selector());
		}
	}

	private void handleResolved(long now) throws InterruptedException {
		Resolution resolution;
		while ((resolution = this.resolved.poll()) != null) {
			for (Port port : this.ports) {
				if (port.resolution == resolution) {
					port.resolution = null;
					resolved(port, resolution, now);
				}
			}
		}
	}

	private void resolved(Port port, Resolution resolution, long now) throws InterruptedException {
		try {
			startAttempts(port, resolution.addresses());
		}
		catch (UnknownHostException ex) {
			port.unresolved = "host " + port.host + " does not resolve (" + ex.getMessage() + ")";
			finishRound(port, now);
		}
	}

	private void startAttempts(Port port, List<InetAddress> addresses) throws InterruptedException {
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
			port.failures.add(Failure.of(address, ex));
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
			endAttempt(port, attempt, Failure.of(address, ex));
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
			Attempt attempt = port.attemptOn(key.channel());
			if (attempt == null || !key.isValid()) {
				continue;
			}
			if (attempt.conversing()) {
				converse(port, attempt, key);
			}
			else if (attempt.strictUntil == 0) {
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
				endAttempt(port, attempt, Failure.of(attempt.address, ex));
			}
			else if (this.strictWindow == 0 && port.conversation == null) {
				// Only a completed handshake can be reset (a refused one is "refused"): a listener
				// accepted the connection and reset it before finishConnect() ran.
				accepted(port, attempt);
			}
			else if (port.conversation != null) {
				notReady(port, attempt, "connection reset by the peer at once");
			}
			else {
				endAttempt(port, attempt, new Failure(attempt.address, "connection reset by the peer at once"));
			}
		}
	}

	private void connected(Port port, Attempt attempt, long now) throws IOException {
		attempt.connected = true;
		if (port.conversation != null) {
			startConversation(port, attempt);
			return;
		}
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

	/**
	 * Sends the port's readiness request on a connection just accepted, as much of it as the
	 * socket takes now, and waits for the rest to go or for the reply.
	 */
	private void startConversation(Port port, Attempt attempt) throws IOException {
		port.conversed = true;
		attempt.request = port.conversation.request(port.target, port.target.path());
		attempt.reply = ByteBuffer.allocate(port.conversation.maxReplyBytes());
		attempt.channel.write(attempt.request);
		int interest = attempt.request.hasRemaining() ? SelectionKey.OP_WRITE : SelectionKey.OP_READ;
		attempt.channel.register(selector(), interest, port);
	}

	private void converse(Port port, Attempt attempt, SelectionKey key) {
		try {
			if (attempt.request.hasRemaining()) {
				attempt.channel.write(attempt.request);
				if (!attempt.request.hasRemaining()) {
					key.interestOps(SelectionKey.OP_READ);
				}
				return;
			}
			boolean endOfStream = attempt.channel.read(attempt.reply) < 0;
			judge(port, attempt, endOfStream);
		}
		catch (IOException ex) {
			notReady(port, attempt, Failure.of(attempt.address, ex).reason());
		}
	}

	private void judge(Port port, Attempt attempt, boolean endOfStream) {
		ByteBuffer received = attempt.reply.duplicate().flip();
		Verdict verdict = port.conversation.judge(received, endOfStream);
		if (verdict.state() == Verdict.State.INCOMPLETE) {
			// A reply that fills its bound, or ends, is judged whatever the conversation says.
			verdict = (endOfStream || !attempt.reply.hasRemaining())
					? Replies.unfinished(received, true, port.conversation.maxReplyBytes()) : verdict;
		}
		switch (verdict.state()) {
			case READY -> {
				port.readyDetail = verdict.detail();
				accepted(port, attempt);
			}
			case NOT_READY -> notReady(port, attempt, verdict.detail());
			case INCOMPLETE -> {
				// Read on.
			}
		}
	}

	private void notReady(Port port, Attempt attempt, String detail) {
		endAttempt(port, attempt, new Failure(attempt.address, "open but not ready: " + detail));
	}

	private void readDuringStrictWindow(Port port, Attempt attempt) {
		try {
			this.readBuffer.clear();
			int read = attempt.channel.read(this.readBuffer);
			if (read > 0) {
				accepted(port, attempt);
			}
			else if (read < 0) {
				endAttempt(port, attempt, new Failure(attempt.address, "connection closed by the peer at once"));
			}
		}
		catch (IOException ex) {
			endAttempt(port, attempt, new Failure(attempt.address, "connection reset by the peer at once"));
		}
	}

	private void accepted(Port port, Attempt attempt) {
		port.acceptedBy = attempt.address;
		port.attempts.remove(attempt);
		attempt.connected = true;
		attempt.close();
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
					String waited = millis(now - attempt.started) + " ms";
					if (attempt.conversing()) {
						ByteBuffer received = attempt.reply.duplicate().flip();
						notReady(port, attempt, received.hasRemaining()
								? "answered only in part within " + waited + ": " + Replies.excerpt(received)
								: "no answer within " + waited);
					}
					else {
						String what = (attempt.strictUntil != 0) ? "held open" : "answered";
						endAttempt(port, attempt, new Failure(attempt.address, "not " + what + " within " + waited));
					}
				}
			}
			if (port.roundOver()) {
				finishRound(port, now);
			}
		}
	}

	private void endAttempt(Port port, Attempt attempt, Failure failure) {
		port.attempts.remove(attempt);
		attempt.close();
		port.failures.add(failure);
	}

	private void finishRound(Port port, long now) {
		port.closeAttempts();
		port.roundEnd = now;
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

	private static long millis(long nanos) {
		return nanos / 1_000_000;
	}

}
