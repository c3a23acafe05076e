package io.portend.boot;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;

import io.portend.HostPort;
import io.portend.Portend;

/**
 * A TCP listener on 127.0.0.1 for tests, which can be closed and opened again on the same port,
 * or made to drop connection attempts. While open, a thread of its own accepts connections and
 * closes them at once, so that its backlog never fills up.
 */
public final class LoopbackListener implements AutoCloseable {

	private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

	private final int port;

	private final List<Socket> fillers = new ArrayList<>();

	private ServerSocket socket;

	private Thread acceptor;

	private LoopbackListener(int port) {
		this.port = port;
	}

	/**
	 * Returns a listener that is open.
	 */
	public static LoopbackListener open() {
		LoopbackListener listener = new LoopbackListener(Portend.findAvailableLocalPort());
		listener.start();
		return listener;
	}

	/**
	 * Returns a listener on a free port that is not open yet.
	 */
	public static LoopbackListener closed() {
		return new LoopbackListener(Portend.findAvailableLocalPort());
	}

	/**
	 * Returns a listener whose backlog is full, so that the kernel drops further connection
	 * attempts (SYNs) and they time out.
	 */
	public static LoopbackListener droppingConnections() {
		LoopbackListener listener = closed();
		listener.bind(1);
		// Linux accepts backlog + 1 connections, then drops SYNs; stop at the first that hangs.
		for (int i = 0; i < 16; i++) {
			Socket filler = new Socket();
			listener.fillers.add(filler);
			try {
				filler.connect(listener.address(), 200);
			}
			catch (SocketTimeoutException ex) {
				return listener;
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
		listener.close();
		throw new IllegalStateException("The backlog of the listener never filled up");
	}

	public synchronized void start() {
		if (this.socket == null) {
			ServerSocket server = bind(1024);
			this.acceptor = new Thread(() -> acceptUntilClosed(server), "loopback-listener-" + this.port);
			this.acceptor.setDaemon(true);
			this.acceptor.start();
		}
	}

	private static void acceptUntilClosed(ServerSocket server) {
		while (!server.isClosed()) {
			try {
				Socket accepted = server.accept();
				// A reset leaves no TIME_WAIT behind, so the port can be listened on again at once.
				accepted.setSoLinger(true, 0);
				accepted.close();
			}
			catch (IOException ex) {
				// Closed, or a connection reset before it was accepted: go on until closed.
			}
		}
	}

	private synchronized ServerSocket bind(int backlog) {
		try {
			ServerSocket server = new ServerSocket();
			server.setReuseAddress(true);
			server.bind(address(), backlog);
			this.socket = server;
			return server;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot listen on port " + this.port, ex);
		}
	}

	public synchronized void stop() {
		if (this.socket != null) {
			closeQuietly(this.socket);
			this.socket = null;
			if (this.acceptor != null) {
				try {
					this.acceptor.join(10_000);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
				this.acceptor = null;
			}
		}
	}

	public int port() {
		return this.port;
	}

	public HostPort hostPort() {
		return new HostPort("127.0.0.1", this.port);
	}

	@Override
	public String toString() {
		return hostPort().toString();
	}

	@Override
	public synchronized void close() {
		stop();
		this.fillers.forEach(LoopbackListener::closeQuietly);
		this.fillers.clear();
	}

	private InetSocketAddress address() {
		return new InetSocketAddress(LOOPBACK, this.port);
	}

	private static void closeQuietly(AutoCloseable closeable) {
		try {
			closeable.close();
		}
		catch (Exception ex) {
			// Nothing to do in a test's clean-up.
		}
	}

}
