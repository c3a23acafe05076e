package io.portend;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.StandardSocketOptions;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Real listeners on loopback for tests, each treating connections its own way: holding them
 * open, closing or resetting them at once, or never accepting them (a blackhole). All are served
 * by one selector thread; {@link #close()} closes every listener and stops that thread. Use one
 * instance per test, as an {@code @AutoClose} field.
 */
final class Listeners implements AutoCloseable {

	static final InetAddress IPV4_LOOPBACK = literal("127.0.0.1");

	static final InetAddress IPV6_LOOPBACK = literal("::1");

	private static final boolean IPV6_AVAILABLE = canBind(IPV6_LOOPBACK);

	private static final int BACKLOG = 1024;

	/** How long the selector thread may take to run a task for a test: generous, it takes microseconds. */
	private static final long TASK_TIMEOUT_SECONDS = 10;

	/** What a listener does with the connections it accepts. */
	private enum OnAccept {

		/** Keeps a connection open until the peer closes it, counting the bytes it sends. */
		HOLD,

		/** Closes a connection at once (a FIN), as a container port proxy with nothing behind it does. */
		CLOSE,

		/** Resets a connection at once (SO_LINGER 0, then close). */
		RESET

	}

	private final Selector selector;

	private final Thread server;

	private final Queue<FutureTask<Void>> tasks = new ConcurrentLinkedQueue<>();

	private final List<Listener> listeners = new ArrayList<>();

	/** Read buffer of the selector thread. */
	private final ByteBuffer buffer = ByteBuffer.allocate(4096);

	private volatile boolean closing;

	private volatile Exception failure;

	Listeners() {
		try {
			this.selector = Selector.open();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.server = new Thread(this::serve, "listeners");
		this.server.setDaemon(true);
		this.server.start();
	}

	/**
	 * Returns the address of an IP literal, without any lookup.
	 */
	static InetAddress literal(String address) {
		try {
			return InetAddress.getByName(address);
		}
		catch (UnknownHostException ex) {
			throw new IllegalArgumentException("Not an IP literal: " + address, ex);
		}
	}

	/**
	 * Skips the calling test when it needs IPv6 (its host contains ':') and the machine has no
	 * {@code ::1}.
	 */
	static void assumeIpv6IfNeeded(String host) {
		assumeTrue(host.indexOf(':') < 0 || IPV6_AVAILABLE, "IPv6 loopback ::1 is not available");
	}

	/**
	 * A listener that accepts connections and holds them open until the peer closes them,
	 * counting the connections and the bytes received.
	 */
	Listener accepting(InetAddress address) {
		return listen(new InetSocketAddress(address, 0), OnAccept.HOLD);
	}

	/**
	 * Like {@link #accepting(InetAddress)}, on a given port.
	 */
	Listener accepting(InetSocketAddress address) {
		return listen(address, OnAccept.HOLD);
	}

	/**
	 * A listener on 127.0.0.1 that accepts connections and closes them at once.
	 */
	Listener closingAtOnce() {
		return listen(new InetSocketAddress(IPV4_LOOPBACK, 0), OnAccept.CLOSE);
	}

	/**
	 * A listener on 127.0.0.1 that accepts connections and resets them at once.
	 */
	Listener resettingAtOnce() {
		return listen(new InetSocketAddress(IPV4_LOOPBACK, 0), OnAccept.RESET);
	}

	/**
	 * A listener on 127.0.0.1 that never accepts, its backlog filled by client connections so that
	 * the kernel drops further connection attempts (SYNs) without an answer, as a firewall does.
	 */
	Listener blackholed() {
		Listener listener = bind(new InetSocketAddress(IPV4_LOOPBACK, 0), 1, null);
		// Linux queues backlog + 1 connections, then drops SYNs: connect until an attempt times out.
		for (int i = 0; i < 16; i++) {
			Socket client = new Socket();
			try {
				client.connect(listener.address(), 200);
				listener.clients.add(client);
			}
			catch (SocketTimeoutException ex) {
				closeQuietly(client);
				return listener;
			}
			catch (IOException ex) {
				closeQuietly(client);
				throw new UncheckedIOException(ex);
			}
		}
		throw new IllegalStateException("The kernel kept accepting connections to " + listener.target()
				+ " beyond its backlog: cannot make a blackholed port here");
	}

	/**
	 * Returns a port that nothing listens on, on 127.0.0.1 nor on ::1.
	 */
	int refusedPort() {
		return refusedPorts(1)[0];
	}

	/**
	 * Returns distinct ports that nothing listens on, on 127.0.0.1 nor on ::1. Another process
	 * could take one meanwhile, as with portend's {@code find_available_local_port}.
	 */
	int[] refusedPorts(int count) {
		List<ServerSocket> held = new ArrayList<>();
		try {
			int[] ports = new int[count];
			for (int found = 0, tries = 0; found < count; tries++) {
				if (tries > count + 20) {
					throw new IllegalStateException("Found no port free on both loopback addresses");
				}
				ServerSocket ipv4 = new ServerSocket(0, 1, IPV4_LOOPBACK);
				held.add(ipv4);
				if (IPV6_AVAILABLE && !canBind(new InetSocketAddress(IPV6_LOOPBACK, ipv4.getLocalPort()))) {
					continue;
				}
				ports[found++] = ipv4.getLocalPort();
			}
			return ports;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		finally {
			held.forEach(Listeners::closeQuietly);
		}
	}

	/**
	 * Closes every listener and the connections they hold, and stops the selector thread.
	 * @throws Exception if the selector thread failed
	 */
	@Override
	public void close() throws Exception {
		this.closing = true;
		this.selector.wakeup();
		this.server.join(TimeUnit.SECONDS.toMillis(TASK_TIMEOUT_SECONDS));
		synchronized (this.listeners) {
			for (Listener listener : this.listeners) {
				listener.closeUnregistered();
			}
		}
		if (this.server.isAlive()) {
			throw new IllegalStateException("The listeners' selector thread did not stop");
		}
		if (this.failure != null) {
			throw this.failure;
		}
	}

	private Listener listen(InetSocketAddress address, OnAccept onAccept) {
		// Connections wait in the backlog while the selector thread is not scheduled, even those the
		// peer reset already: a short backlog would overflow, and then drop connection attempts.
		Listener listener = bind(address, BACKLOG, onAccept);
		runOnServer(() -> listener.channel.register(this.selector, SelectionKey.OP_ACCEPT, listener));
		return listener;
	}

	private Listener bind(InetSocketAddress address, int backlog, OnAccept onAccept) {
		try {
			ServerSocketChannel channel = ServerSocketChannel.open();
			try {
				channel.bind(address, backlog);
				channel.configureBlocking(false);
			}
			catch (IOException ex) {
				closeQuietly(channel);
				throw ex;
			}
			Listener listener = new Listener(channel, onAccept);
			synchronized (this.listeners) {
				this.listeners.add(listener);
			}
			return listener;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot listen on " + address, ex);
		}
	}

	/**
	 * Runs a task on the selector thread, after the selected keys of a round were handled, and
	 * waits for it.
	 */
	private void runOnServer(Task task) {
		FutureTask<Void> future = new FutureTask<>(() -> {
			task.run();
			return null;
		});
		this.tasks.add(future);
		this.selector.wakeup();
		try {
			future.get(TASK_TIMEOUT_SECONDS, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting for the listeners' thread", ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IllegalStateException("The listeners' thread failed to run a task", ex);
		}
	}

	/**
	 * Waits until the selector thread has handled every event that happened before this call.
	 * Each task runs in a later round than the one before it: the first may run in the current
	 * round, the second after a select that saw every event so far, the third after the data or
	 * close of connections accepted in that round.
	 */
	private void sync() {
		for (int round = 0; round < 3; round++) {
			runOnServer(() -> {
			});
		}
	}

	private void serve() {
		try {
			while (!this.closing) {
				this.selector.select();
				Iterator<SelectionKey> keys = this.selector.selectedKeys().iterator();
				while (keys.hasNext()) {
					SelectionKey key = keys.next();
					keys.remove();
					if (key.isValid()) {
						handle(key);
					}
				}
				// Only the tasks queued before this round: one queued meanwhile waits for the next
				// round, so that sync() spans a round (which closes the sockets of closed channels).
				for (int queued = this.tasks.size(); queued > 0; queued--) {
					this.tasks.poll().run();
				}
			}
		}
		catch (IOException | RuntimeException ex) {
			this.failure = ex;
		}
		finally {
			for (SelectionKey key : this.selector.keys()) {
				closeQuietly(key.channel());
			}
			closeQuietly(this.selector);
		}
	}

	private void handle(SelectionKey key) throws IOException {
		Listener listener = (Listener) key.attachment();
		if (key.isAcceptable()) {
			ServerSocketChannel channel = (ServerSocketChannel) key.channel();
			for (SocketChannel connection = channel.accept(); connection != null; connection = channel.accept()) {
				listener.accepted(connection);
			}
		}
		else if (key.isReadable()) {
			listener.read(key);
		}
	}

	private static boolean canBind(InetAddress address) {
		return canBind(new InetSocketAddress(address, 0));
	}

	private static boolean canBind(InetSocketAddress address) {
		try (ServerSocket socket = new ServerSocket()) {
			socket.bind(address, 1);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	private static void closeQuietly(Closeable closeable) {
		try {
			closeable.close();
		}
		catch (IOException ex) {
			// Closing a test's socket can only fail if it is already broken: nothing to clean up.
		}
	}

	@FunctionalInterface
	private interface Task {

		void run() throws IOException;

	}

	/**
	 * One listening socket.
	 */
	final class Listener implements AutoCloseable {

		private final ServerSocketChannel channel;

		/** {@code null} for a listener that never accepts. */
		private final OnAccept onAccept;

		/** Connections made to fill a blackholed listener's backlog. */
		private final List<Socket> clients = new ArrayList<>();

		private final AtomicInteger accepts = new AtomicInteger();

		private final AtomicInteger openConnections = new AtomicInteger();

		private final AtomicLong bytesReceived = new AtomicLong();

		private Listener(ServerSocketChannel channel, OnAccept onAccept) {
			this.channel = channel;
			this.onAccept = onAccept;
		}

		/**
		 * Returns the local address, as a {@link ServerSocket} gives it.
		 */
		InetSocketAddress address() {
			return (InetSocketAddress) this.channel.socket().getLocalSocketAddress();
		}

		HostPort target() {
			return HostPort.fromAddress(address());
		}

		int port() {
			return address().getPort();
		}

		/**
		 * Returns how many connections were accepted, once every connection made before this
		 * call was handled.
		 */
		int accepts() {
			sync();
			return this.accepts.get();
		}

		/**
		 * Returns how many bytes all connections received, once every connection made before this
		 * call was handled.
		 */
		long bytesReceived() {
			sync();
			return this.bytesReceived.get();
		}

		/**
		 * Returns how many accepted connections are still open, once every connection made and
		 * closed before this call was handled.
		 */
		int openConnections() {
			sync();
			return this.openConnections.get();
		}

		/**
		 * Stops listening: once this returns, connection attempts are refused.
		 */
		@Override
		public void close() {
			if (this.onAccept == null) {
				closeUnregistered();
				return;
			}
			runOnServer(() -> {
				SelectionKey key = this.channel.keyFor(Listeners.this.selector);
				if (key != null) {
					key.cancel();
				}
				this.channel.close();
			});
			// A registered channel's socket is closed when the next round deregisters it.
			sync();
		}

		private void closeUnregistered() {
			if (this.onAccept == null) {
				this.clients.forEach(Listeners::closeQuietly);
				closeQuietly(this.channel);
			}
		}

		private void accepted(SocketChannel connection) throws IOException {
			this.accepts.incrementAndGet();
			switch (this.onAccept) {
				case HOLD -> {
					connection.configureBlocking(false);
					connection.register(Listeners.this.selector, SelectionKey.OP_READ, this);
					this.openConnections.incrementAndGet();
				}
				case CLOSE -> connection.close();
				case RESET -> {
					connection.setOption(StandardSocketOptions.SO_LINGER, 0);
					connection.close();
				}
			}
		}

		private void read(SelectionKey key) throws IOException {
			SocketChannel connection = (SocketChannel) key.channel();
			Listeners.this.buffer.clear();
			int read;
			try {
				read = connection.read(Listeners.this.buffer);
			}
			catch (IOException ex) {
				// Checks close their connections with a reset.
				read = -1;
			}
			if (read > 0) {
				this.bytesReceived.addAndGet(read);
			}
			else if (read < 0) {
				key.cancel();
				connection.close();
				this.openConnections.decrementAndGet();
			}
		}

		@Override
		public String toString() {
			return String.valueOf(target());
		}

	}

}
