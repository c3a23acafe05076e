package io.portend;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.function.Predicate;

/**
 * Holds a {@link Conversation} over a plain blocking socket, for tests: connect, send the
 * request, read (at most {@link Conversation#maxReplyBytes()}) and judge after every read, as the
 * checker does without blocking.
 */
final class Conversations {

	/** Polls at most 20 times a second, as the checker does while a server says "not yet". */
	private static final Duration RETRY_PAUSE = Duration.ofMillis(50);

	private Conversations() {
	}

	/**
	 * Holds one conversation.
	 * @return the verdict, or not ready "no answer within …" when the timeout passed first
	 */
	static Verdict converse(Conversation conversation, InetSocketAddress address, Duration timeout) {
		return converse(conversation, address, "/", timeout);
	}

	/**
	 * Holds one conversation, asking for a path (for HTTP).
	 */
	static Verdict converse(Conversation conversation, InetSocketAddress address, String path, Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		try (Socket socket = new Socket()) {
			socket.connect(address, (int) timeout.toMillis());
			ByteBuffer request = conversation.request(HostPort.fromAddress(address), path);
			socket.getOutputStream().write(request.array(), request.arrayOffset() + request.position(), request.remaining());
			byte[] reply = new byte[conversation.maxReplyBytes()];
			int received = 0;
			InputStream in = socket.getInputStream();
			while (true) {
				int remainingMillis = (int) Math.max(1, (deadline - System.nanoTime() + 999_999) / 1_000_000);
				socket.setSoTimeout(remainingMillis);
				int read = read(in, reply, received);
				if (read > 0) {
					received += read;
				}
				Verdict verdict = conversation.judge(ByteBuffer.wrap(reply, 0, received).slice(), read < 0);
				if (verdict.state() != Verdict.State.INCOMPLETE) {
					return verdict;
				}
				if (read < 0 || received == reply.length) {
					throw new AssertionError("The conversation left a finished reply undecided: " + verdict);
				}
			}
		}
		catch (SocketTimeoutException ex) {
			return Verdict.notReady("no answer within " + timeout.toMillis() + " ms");
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Conversation with " + address + " failed", ex);
		}
	}

	/**
	 * Reads what arrived, taking a reset as the end of the stream: a server that closes with our
	 * request unread resets the connection.
	 */
	private static int read(InputStream in, byte[] reply, int received) throws IOException {
		try {
			return in.read(reply, received, reply.length - received);
		}
		catch (SocketTimeoutException ex) {
			throw ex;
		}
		catch (SocketException ex) {
			return -1;
		}
	}

	/**
	 * Converses again and again, at most 20 times a second, until a verdict satisfies the
	 * condition, and returns that verdict.
	 * @throws AssertionError if none did within the time limit, naming the last one
	 */
	static Verdict converseUntil(Conversation conversation, InetSocketAddress address, Predicate<Verdict> condition,
			Duration limit) {
		long deadline = System.nanoTime() + limit.toNanos();
		while (true) {
			Verdict verdict = converse(conversation, address, Duration.ofSeconds(5));
			if (condition.test(verdict)) {
				return verdict;
			}
			if (System.nanoTime() - deadline > 0) {
				throw new AssertionError("No such verdict within " + limit + "; the last was " + verdict);
			}
			pause();
		}
	}

	private static void pause() {
		try {
			Thread.sleep(RETRY_PAUSE.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while conversing again", ex);
		}
	}

}
