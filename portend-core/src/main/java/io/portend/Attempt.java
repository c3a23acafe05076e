package io.portend;

import java.io.IOException;
import java.net.ConnectException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * One connection attempt to one address of a port, and what follows once it is accepted, as
 * the port asks: nothing (tcp), holding it open for a strict check's window, or a readiness
 * conversation in the port's protocol. Every step is non-blocking: while it waits, the attempt
 * is registered, as the key's attachment, with the run's selector. Not thread-safe.
 */
final class Attempt {

	/** Where an attempt stands after a step. */
	enum Outcome {

		/** Still under way: waiting for the handshake, the window, or the server's reply. */
		PENDING,

		/** The port is proven occupied, or ready. */
		ACCEPTED,

		/** The attempt failed; {@link #failure()} says why. */
		FAILED

	}

	final Port port;

	final InetAddress address;

	final long started;

	/** When the attempt gives up: the connect timeout, or the run's deadline if sooner. */
	final long deadline;

	private final SocketChannel channel;

	private final long strictWindow;

	/** Whether the handshake completed: closing then resets the connection, unless it conversed. */
	private boolean connected;

	/** When the strict check's window ends; 0 unless connected with a strict check. */
	private long strictUntil;

	/** What is left to send of a readiness conversation's request; {@code null} until connected. */
	private @Nullable ByteBuffer request;

	/** The reply received so far in a readiness conversation; {@code null} until connected. */
	private @Nullable ByteBuffer reply;

	private Outcome outcome = Outcome.PENDING;

	private @Nullable Failure failure;

	/** What the server said that proved it ready, or {@code null} when connecting was enough. */
	private @Nullable String readyDetail;

	private Attempt(Port port, InetAddress address, SocketChannel channel, long strictWindow, long deadline,
			long started) {
		this.port = port;
		this.address = address;
		this.channel = channel;
		this.strictWindow = strictWindow;
		this.deadline = deadline;
		this.started = started;
	}

	/**
	 * Opens a non-blocking channel and starts connecting; on loopback the handshake is over when
	 * {@code connect()} returns, and finishing at once spares a select.
	 * @param strictWindow how long an accepted connection must stay open; 0 for none
	 * @return the attempt, under way or already over
	 * @throws IOException if no channel can be opened (see {@link Failure#of})
	 * @throws InterruptedException if the thread was interrupted
	 */
	static Attempt start(Port port, InetAddress address, long strictWindow, long deadline, Selector selector)
			throws IOException, InterruptedException {
		SocketChannel channel = SocketChannel
			.open((address instanceof Inet6Address) ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET);
		long now = System.nanoTime();
		Attempt attempt = new Attempt(port, address, channel, strictWindow, deadline, now);
		try {
			channel.configureBlocking(false);
			channel.connect(new InetSocketAddress(address, port.target.port()));
		}
		catch (ClosedByInterruptException ex) {
			throw interrupted();
		}
		catch (IOException | RuntimeException ex) {
			attempt.fail(Failure.of(address, ex));
			return attempt;
		}
		attempt.finishConnect(selector, now);
		return attempt;
	}

	/** Returns where the attempt stands. */
	Outcome outcome() {
		return this.outcome;
	}

	@Nullable Failure failure() {
		return this.failure;
	}

	@Nullable String readyDetail() {
		return this.readyDetail;
	}

	/** Whether a readiness conversation started: the connection was accepted. */
	boolean conversed() {
		return this.reply != null;
	}

	/**
	 * Takes the next step once the selector found the channel ready.
	 * @return where the attempt stands
	 */
	Outcome selected(SelectionKey key, Selector selector, long now) throws InterruptedException {
		if (this.reply != null) {
			converse(key);
		}
		else if (this.strictUntil == 0) {
			finishConnect(selector, now);
		}
		else {
			readDuringStrictWindow();
		}
		return outcome();
	}

	/**
	 * Ends the attempt at its deadline: a strict check's window passed is a success, anything
	 * else a failure.
	 * @return where the attempt stands
	 */
	Outcome expire(long now) {
		if (this.strictUntil != 0 && now - this.strictUntil >= 0) {
			accept();
			return outcome();
		}
		String waited = (now - this.started) / 1_000_000 + " ms";
		if (this.reply != null) {
			ByteBuffer received = this.reply.duplicate().flip();
			notReady(received.hasRemaining()
					? "answered only in part within " + waited + ": " + Replies.excerpt(received)
					: "no answer within " + waited);
		}
		else {
			fail(new Failure(this.address, "not " + ((this.strictUntil != 0) ? "held open" : "answered") + " within "
					+ waited));
		}
		return outcome();
	}

	/** When the attempt next needs the waiting thread, short of the selector: its deadline or window. */
	long wakeUp() {
		return (this.strictUntil != 0 && this.strictUntil - this.deadline < 0) ? this.strictUntil : this.deadline;
	}

	/**
	 * Closes the channel. One that only connected is reset (SO_LINGER 0) so that frequent checks
	 * leave no TIME_WAIT sockets behind; one that held a conversation is closed cleanly, as a
	 * client of that service would, so that the server has nothing to log about it.
	 */
	void close() {
		try {
			if (this.connected && this.reply == null) {
				this.channel.setOption(StandardSocketOptions.SO_LINGER, 0);
			}
		}
		catch (IOException | RuntimeException ex) {
			// The peer may already have reset the connection: closing is all that matters.
		}
		try {
			this.channel.close();
		}
		catch (IOException ex) {
			// Nothing more can be done with a socket that fails to close.
		}
	}

	private void finishConnect(Selector selector, long now) throws InterruptedException {
		try {
			if (this.channel.finishConnect()) {
				connected(selector, now);
			}
			else {
				this.channel.register(selector, SelectionKey.OP_CONNECT, this);
			}
		}
		catch (ClosedByInterruptException ex) {
			throw interrupted();
		}
		catch (IOException | RuntimeException ex) {
			if (!isReset(ex)) {
				fail(Failure.of(this.address, ex));
			}
			else if (this.port.conversation != null) {
				notReady("connection reset by the peer at once");
			}
			else if (this.strictWindow == 0) {
				// Only a completed handshake can be reset (a refused one is "refused"): a listener
				// accepted the connection and reset it before finishConnect() ran.
				this.connected = true;
				accept();
			}
			else {
				fail(new Failure(this.address, "connection reset by the peer at once"));
			}
		}
	}

	private void connected(Selector selector, long now) throws IOException {
		this.connected = true;
		if (this.port.conversation != null) {
			startConversation(selector);
		}
		else if (this.strictWindow > 0) {
			// Container port proxies accept and close at once when nothing listens behind them:
			// only a connection that stays open (or sends data) proves a listener.
			this.strictUntil = now + this.strictWindow;
			this.channel.register(selector, SelectionKey.OP_READ, this);
		}
		else {
			accept();
		}
	}

	private void readDuringStrictWindow() {
		try {
			int read = this.channel.read(ByteBuffer.allocate(1));
			if (read > 0) {
				accept();
			}
			else if (read < 0) {
				fail(new Failure(this.address, "connection closed by the peer at once"));
			}
		}
		catch (IOException ex) {
			fail(new Failure(this.address, "connection reset by the peer at once"));
		}
	}

	/**
	 * Sends the port's readiness request, as much of it as the socket takes now, and waits for
	 * the rest to go or for the reply.
	 */
	private void startConversation(Selector selector) throws IOException {
		Conversation conversation = this.port.conversation;
		this.request = conversation.request(this.port.target, this.port.target.path());
		this.reply = ByteBuffer.allocate(conversation.maxReplyBytes());
		this.channel.write(this.request);
		int interest = this.request.hasRemaining() ? SelectionKey.OP_WRITE : SelectionKey.OP_READ;
		this.channel.register(selector, interest, this);
	}

	private void converse(SelectionKey key) {
		try {
			if (this.request.hasRemaining()) {
				this.channel.write(this.request);
				if (!this.request.hasRemaining()) {
					key.interestOps(SelectionKey.OP_READ);
				}
				return;
			}
			boolean endOfStream = this.channel.read(this.reply) < 0;
			judge(endOfStream);
		}
		catch (IOException ex) {
			notReady(Failure.of(this.address, ex).reason());
		}
	}

	private void judge(boolean endOfStream) {
		Conversation conversation = this.port.conversation;
		ByteBuffer received = this.reply.duplicate().flip();
		Verdict verdict = conversation.judge(received, endOfStream);
		if (verdict.state() == Verdict.State.INCOMPLETE && (endOfStream || !this.reply.hasRemaining())) {
			// A reply that fills its bound, or ends, is judged whatever the conversation says.
			verdict = Replies.unfinished(received, true, conversation.maxReplyBytes());
		}
		switch (verdict.state()) {
			case READY -> {
				this.readyDetail = verdict.detail();
				accept();
			}
			case NOT_READY -> notReady(verdict.detail());
			case INCOMPLETE -> {
				// Read on.
			}
		}
	}

	private void accept() {
		this.outcome = Outcome.ACCEPTED;
		close();
	}

	private void notReady(String detail) {
		fail(new Failure(this.address, "open but not ready: " + detail));
	}

	private void fail(Failure failure) {
		this.outcome = Outcome.FAILED;
		this.failure = failure;
		close();
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

}
