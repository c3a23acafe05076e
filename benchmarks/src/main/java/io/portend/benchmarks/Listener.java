package io.portend.benchmarks;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;

/**
 * One listening socket on loopback whose connections a thread of its own accepts and closes, so
 * that however often it is checked its backlog never fills. Unlike a channel registered with a
 * selector, whose close waits for the selector's next round, closing it stops the listening at
 * once: the moment the port became free is exact.
 */
final class Listener implements AutoCloseable {

	private static final Duration JOIN_BOUND = Duration.ofSeconds(5);

	private final ServerSocket server;

	private final long boundAt;

	private final Thread acceptor;

	private Listener(ServerSocket server, long boundAt) {
		this.server = server;
		this.boundAt = boundAt;
		this.acceptor = new Thread(this::acceptUntilClosed, "listener-" + server.getLocalPort());
		this.acceptor.setDaemon(true);
		this.acceptor.start();
	}

	/**
	 * Binds and listens on the port; {@link #boundAt()} is the moment that returned.
	 */
	static Listener open(int port) throws IOException {
		ServerSocket server = new ServerSocket(port, 50, Loopback.ADDRESS);
		return new Listener(server, System.nanoTime());
	}

	int port() {
		return this.server.getLocalPort();
	}

	/** {@link System#nanoTime()} when the socket was listening. */
	long boundAt() {
		return this.boundAt;
	}

	/**
	 * Stops listening.
	 * @return {@link System#nanoTime()} when the socket was closed
	 */
	long closeNow() throws IOException, InterruptedException {
		this.server.close();
		long closedAt = System.nanoTime();
		this.acceptor.join(JOIN_BOUND.toMillis());
		return closedAt;
	}

	@Override
	public void close() throws IOException, InterruptedException {
		closeNow();
	}

	private void acceptUntilClosed() {
		try {
			while (true) {
				this.server.accept().close();
			}
		}
		catch (IOException ex) {
			// Closed: the only way out.
		}
	}

}
