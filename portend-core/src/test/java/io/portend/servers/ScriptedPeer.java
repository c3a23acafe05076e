package io.portend.servers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A listener on an ephemeral port of 127.0.0.1 that treats every connection it accepts by a
 * script: answer bytes then hold or close, close at once, talk forever. Each connection has a
 * thread of its own; {@link #close()} closes the listener and every connection, and waits for
 * the threads.
 */
public final class ScriptedPeer implements AutoCloseable {

	private static final long JOIN_MILLIS = 10_000;

	private final ServerSocket listener;

	private final Script script;

	private final List<Socket> connections = new CopyOnWriteArrayList<>();

	private final List<Thread> threads = new CopyOnWriteArrayList<>();

	private final Thread acceptor;

	private ScriptedPeer(Script script) {
		this.script = script;
		try {
			this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.acceptor = new Thread(this::accept, "scripted-peer-" + this.listener.getLocalPort());
		this.acceptor.setDaemon(true);
		this.acceptor.start();
	}

	/**
	 * A peer that runs a script for every connection.
	 */
	public static ScriptedPeer running(Script script) {
		return new ScriptedPeer(script);
	}

	/**
	 * A peer that accepts and closes every connection at once, as a container runtime's port
	 * proxy with nothing behind it.
	 */
	public static ScriptedPeer closingAtOnce() {
		return running(Socket::close);
	}

	/**
	 * A peer that sends bytes as soon as it accepts, then holds the connection open until the
	 * other side closes it, without reading.
	 */
	public static ScriptedPeer answeringThenHolding(byte[] answer) {
		return running((connection) -> {
			connection.getOutputStream().write(answer);
			connection.getOutputStream().flush();
			while (connection.getInputStream().read() >= 0) {
				// Holds until the other side closes.
			}
		});
	}

	/**
	 * A peer that sends bytes, then more bytes without end, until the other side closes.
	 */
	public static ScriptedPeer answeringWithoutEnd(byte[] start, byte filler) {
		byte[] more = new byte[8192];
		Arrays.fill(more, filler);
		return running((connection) -> {
			connection.getOutputStream().write(start);
			while (true) {
				connection.getOutputStream().write(more);
			}
		});
	}

	public InetSocketAddress address() {
		return (InetSocketAddress) this.listener.getLocalSocketAddress();
	}

	@Override
	public void close() throws InterruptedException {
		try {
			this.listener.close();
		}
		catch (IOException ex) {
			// Closing a listener fails only if it is broken already.
		}
		for (Socket connection : this.connections) {
			closeQuietly(connection);
		}
		this.acceptor.join(JOIN_MILLIS);
		for (Thread thread : this.threads) {
			thread.join(JOIN_MILLIS);
		}
	}

	private void accept() {
		while (!this.listener.isClosed()) {
			try {
				Socket connection = this.listener.accept();
				this.connections.add(connection);
				Thread thread = new Thread(() -> serve(connection), "scripted-peer-connection");
				thread.setDaemon(true);
				this.threads.add(thread);
				thread.start();
			}
			catch (IOException ex) {
				// The listener was closed.
			}
		}
	}

	private void serve(Socket connection) {
		try {
			this.script.run(connection);
		}
		catch (SocketException ex) {
			// The other side closed or reset: the script is over.
		}
		catch (IOException ex) {
			// As above, reported otherwise by some streams.
		}
		finally {
			closeQuietly(connection);
		}
	}

	private static void closeQuietly(Socket connection) {
		try {
			connection.close();
		}
		catch (IOException ex) {
			// Already closed.
		}
	}

	/**
	 * What a peer does with one connection.
	 */
	@FunctionalInterface
	public interface Script {

		void run(Socket connection) throws IOException;

	}

}
