package io.portend.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * B9's clock for the moment PostgreSQL became ready, independent of portend: a loop on a thread
 * of its own that every millisecond opens a plain socket to the server, sends a StartupMessage
 * (protocol 3.0, user {@code probe}), reads the first byte of the reply and closes the socket,
 * one attempt at a time: more under way at once would queue before portend's at the server,
 * which starts a process for each. {@code E} (an ErrorResponse: 57P03 from a standby) is not
 * ready; {@code R} (an authentication request) is ready, and ends the loop. The server became
 * ready between the sending of the last {@code E} attempt and the answer to the first {@code R}
 * one: the sending of that {@code R} attempt, its start, is the estimate, off by at most one
 * attempt's time either way, where the answer's arrival would always be late by one.
 */
final class StartupProbe implements AutoCloseable {

	private static final long PERIOD_NANOS = 1_000_000;

	private static final int SOCKET_TIMEOUT_MILLIS = 1000;

	private static final byte[] STARTUP_MESSAGE = startupMessage();

	private final int port;

	private final Waiter loop;

	private volatile boolean stopped;

	private volatile int notReadyAnswers;

	private volatile long readyAttemptStart;

	private StartupProbe(int port) {
		this.port = port;
		this.loop = Waiter.start(this::untilReady);
	}

	static StartupProbe start(int port) {
		return new StartupProbe(port);
	}

	/**
	 * Waits until the probe saw the server ready.
	 * @return {@link System#nanoTime()} when the attempt first answered {@code R} started
	 * @throws IllegalStateException if it did not in time, failed, or never saw the server not
	 * ready first (then it started too late to tell when the server became ready)
	 */
	long awaitReady(Duration bound) throws InterruptedException {
		this.loop.awaitReturn(bound);
		if (this.notReadyAnswers == 0) {
			throw new IllegalStateException("The StartupMessage probe saw PostgreSQL on port " + this.port
					+ " ready at once: it started too late.");
		}
		return this.readyAttemptStart;
	}

	/** Ends the loop within a connection's timeout, if it still runs. */
	@Override
	public void close() {
		this.stopped = true;
	}

	private void untilReady() throws IOException {
		long next = System.nanoTime();
		while (!this.stopped) {
			long start = System.nanoTime();
			int answer = firstByte();
			if (answer == 'R') {
				this.readyAttemptStart = start;
				return;
			}
			if (answer != 'E') {
				throw new IOException("PostgreSQL answered a StartupMessage with byte " + answer);
			}
			this.notReadyAnswers++;
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
