package io.portend;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback listener that answers every connection with the same bytes, then keeps it open or
 * closes it: a peer that speaks garbage, half a reply, or talks forever. Not a protocol server:
 * where a real one runs here, tests use that.
 */
final class ScriptedPeer implements AutoCloseable {

	private final ServerSocket server;

	private final byte[] answer;

	private final int repeat;

	private final boolean close;

	private final List<Socket> connections = new ArrayList<>();

	private final AtomicInteger accepted = new AtomicInteger();

	private final Thread thread;

	private ScriptedPeer(byte[] answer, int repeat, boolean close) throws IOException {
		this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		this.answer = answer;
		this.repeat = repeat;
		this.close = close;
		this.thread = new Thread(this::serve, "scripted-peer");
		this.thread.setDaemon(true);
		this.thread.start();
	}

	/** Answers with these bytes and keeps the connection open. */
	static ScriptedPeer answering(byte[] answer) throws IOException {
		return new ScriptedPeer(answer, 1, false);
	}

	/** Answers with these bytes, so many times over, and keeps the connection open. */
	static ScriptedPeer repeating(byte[] answer, int times) throws IOException {
		return new ScriptedPeer(answer, times, false);
	}

	/** Answers with these bytes and closes. */
	static ScriptedPeer answeringAndClosing(byte[] answer) throws IOException {
		return new ScriptedPeer(answer, 1, true);
	}

	HostPort target(Protocol protocol) {
		return new HostPort("127.0.0.1", this.server.getLocalPort()).withProtocol(protocol);
	}

	int accepted() {
		return this.accepted.get();
	}

	private void serve() {
		while (!this.server.isClosed()) {
			try {
				Socket connection = this.server.accept();
				this.accepted.incrementAndGet();
				synchronized (this.connections) {
					this.connections.add(connection);
				}
				for (int i = 0; i < this.repeat; i++) {
					connection.getOutputStream().write(this.answer);
				}
				if (this.close) {
					connection.close();
				}
			}
			catch (IOException ex) {
				// Closed, or the client went away while it was written to.
			}
		}
	}

	@Override
	public void close() throws InterruptedException {
		try {
			this.server.close();
			synchronized (this.connections) {
				for (Socket connection : this.connections) {
					connection.close();
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.thread.join(10_000);
	}

}
