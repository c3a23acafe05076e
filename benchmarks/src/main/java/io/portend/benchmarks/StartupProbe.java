package io.portend.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * B9's clock for the moment PostgreSQL became ready, independent of portend: every millisecond, a
 * new attempt opens a plain socket to the server, sends a StartupMessage (protocol 3.0, user
 * {@code probe}), reads the first byte of the reply and closes the socket, without waiting for
 * the attempts before it (at most {@value #MAX_IN_FLIGHT} under way: each costs the server a
 * process). {@code E} (an ErrorResponse: 57P03 from a standby) is not ready; the first {@code R}
 * (an authentication request) received is the moment the server was seen ready, and ends the
 * probing.
 */
final class StartupProbe implements AutoCloseable {

	private static final long PERIOD_NANOS = 1_000_000;

	private static final int MAX_IN_FLIGHT = 4;

	private static final int SOCKET_TIMEOUT_MILLIS = 1000;

	private static final byte[] STARTUP_MESSAGE = startupMessage();

	private final int port;

	private final Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);

	private final ExecutorService attempts = Executors.newFixedThreadPool(MAX_IN_FLIGHT, (attempt) -> {
		Thread thread = new Thread(attempt, "startup-probe");
		thread.setDaemon(true);
		return thread;
	});

	private final AtomicLong readyAt = new AtomicLong();

	private final AtomicInteger notReadyAnswers = new AtomicInteger();

	private final Waiter loop;

	private volatile boolean stopped;

	private volatile IOException failure;

	private StartupProbe(int port) {
		this.port = port;
		this.loop = Waiter.start(this::untilReady);
	}

	static StartupProbe start(int port) {
		return new StartupProbe(port);
	}

	/**
	 * Waits until the probe saw the server ready.
	 * @return {@link System#nanoTime()} once the first {@code R} was read
	 * @throws IllegalStateException if it did not in time, failed, or never saw the server not
	 * ready first (then it started too late to tell when the server became ready)
	 */
	long awaitReady(Duration bound) throws InterruptedException {
		this.loop.awaitReturn(bound);
		if (this.notReadyAnswers.get() == 0) {
			throw new IllegalStateException("The StartupMessage probe saw PostgreSQL on port " + this.port
					+ " ready at once: it started too late.");
		}
		return this.readyAt.get();
	}

	/** Stops probing, if it has not stopped already. */
	@Override
	public void close() {
		this.stopped = true;
		this.attempts.shutdownNow();
	}

	private void untilReady() throws IOException {
		long next = System.nanoTime();
		try {
			while (!this.stopped && this.readyAt.get() == 0) {
				if (this.failure != null) {
					throw this.failure;
				}
				if (this.inFlight.tryAcquire()) {
					this.attempts.execute(this::attempt);
				}
				next += PERIOD_NANOS;
				long pause = next - System.nanoTime();
				if (pause > 0) {
					LockSupport.parkNanos(pause);
				}
				else {
					next = System.nanoTime();
				}
			}
		}
		finally {
			this.attempts.shutdownNow();
		}
	}

	private void attempt() {
		try {
			int answer = firstByte();
			long now = System.nanoTime();
			if (answer == 'R') {
				this.readyAt.compareAndSet(0, now);
			}
			else if (answer == 'E') {
				this.notReadyAnswers.incrementAndGet();
			}
			else {
				fail(new IOException("PostgreSQL answered a StartupMessage with byte " + answer));
			}
		}
		catch (IOException ex) {
			fail(ex);
		}
		finally {
			this.inFlight.release();
		}
	}

	/** Attempts still under way once probing stopped meet the server's restart: they prove nothing. */
	private void fail(IOException ex) {
		if (!this.stopped && this.readyAt.get() == 0) {
			this.failure = ex;
		}
	}

	private int firstByte() throws IOException {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(Loopback.ADDRESS, this.port), SOCKET_TIMEOUT_MILLIS);
			socket.setSoTimeout(SOCKET_TIMEOUT_MILLIS);
			socket.getOutputStream().write(STARTUP_MESSAGE);
			InputStream in = socket.getInputStream();
			return in.read();
		}
	}

	/** Int32 length, Int32 protocol version 3.0, then {@code user\0probe\0} and a closing NUL. */
	private static byte[] startupMessage() {
		byte[] parameters = "user\0probe\0\0".getBytes(StandardCharsets.US_ASCII);
		return ByteBuffer.allocate(8 + parameters.length)
			.putInt(8 + parameters.length)
			.putInt(3 << 16)
			.put(parameters)
			.array();
	}

}
