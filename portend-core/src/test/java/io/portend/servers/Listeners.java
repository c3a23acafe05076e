package io.portend.servers;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
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

import io.portend.servers.Listener.OnAccept;

/**
 * Real listeners on loopback, the one listener fixture of portend's tests and benchmarks. Each
 * treats connections its own way: holding them open, closing or resetting them at once, or never
 * accepting them (a blackhole); each can stop listening and start again on the same port. All are
 * served by one selector thread; {@link #close()} closes every listener and stops that thread.
 * Use one instance per test (or test class), as an {@code @AutoClose} field.
 */
public final class Listeners implements AutoCloseable {

	public static final InetAddress IPV4_LOOPBACK = literal("127.0.0.1");

	public static final InetAddress IPV6_LOOPBACK = literal("::1");

	private static final boolean IPV6_AVAILABLE = canBind(new InetSocketAddress(IPV6_LOOPBACK, 0));

	/** How long the selector thread may take to run a task: generous, it takes microseconds. */
	private static final long TASK_TIMEOUT_SECONDS = 10;

	private final Selector selector;

	private final Thread server;

	private final Queue<FutureTask<Long>> tasks = new ConcurrentLinkedQueue<>();

	private final List<Listener> listeners = new ArrayList<>();

	/** Read buffer of the selector thread. */
	private final ByteBuffer buffer = ByteBuffer.allocate(4096);

	private volatile boolean closing;

	private volatile Exception failure;

	public Listeners() {
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
	public static InetAddress literal(String address) {
		try {
			return InetAddress.getByName(address);
		}
		catch (UnknownHostException ex) {
			throw new IllegalArgumentException("Not an IP literal: " + address, ex);
		}
	}

	/**
	 * Returns whether this machine can listen on the IPv6 loopback {@code ::1}.
	 */
	public static boolean ipv6Available() {
		return IPV6_AVAILABLE;
	}

	/**
	 * A listener that accepts connections and holds them open until the peer closes them,
	 * counting the connections and the bytes received.
	 */
	public Listener accepting(InetAddress address) {
		return accepting(new InetSocketAddress(address, 0));
	}

	/**
	 * Like {@link #accepting(InetAddress)}, on a given port.
	 */
	public Listener accepting(InetSocketAddress address) {
		return listening(address, OnAccept.HOLD);
	}

	/**
	 * A listener on 127.0.0.1 that accepts connections and closes them at once (a FIN), as a
	 * container port proxy with nothing behind it does.
	 */
	public Listener closingAtOnce() {
		return listening(new InetSocketAddress(IPV4_LOOPBACK, 0), OnAccept.CLOSE);
	}

	/**
	 * Listeners as {@link #closingAtOnce()} makes them.
	 */
	public List<Listener> closingAtOnce(int count) {
		List<Listener> closing = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			closing.add(closingAtOnce());
		}
		return closing;
	}

	/**
	 * A listener on 127.0.0.1 that accepts connections and resets them at once. A client may see
	 * the reset before its {@code connect} returned, and fail it.
	 */
	public Listener resettingAtOnce() {
		return listening(new InetSocketAddress(IPV4_LOOPBACK, 0), OnAccept.RESET);
	}

	/**
	 * Like {@link #closingAtOnce()}, on a port of 127.0.0.1 (and ::1) that nothing listens on
	 * yet: {@link Listener#start()} opens it.
	 */
	public Listener notListening() {
		return notListening(refusedPort());
	}

	/**
	 * Like {@link #notListening()}, on the given port.
	 */
	public Listener notListening(int port) {
		return listener(new InetSocketAddress(IPV4_LOOPBACK, port), OnAccept.CLOSE);
	}

	/**
	 * A listener on 127.0.0.1 that never accepts, as {@link Listener#blackhole()} makes it.
	 */
	public Listener blackholed() {
		Listener listener = listener(new InetSocketAddress(IPV4_LOOPBACK, 0), OnAccept.CLOSE);
		listener.blackhole();
		return listener;
	}

	/**
	 * Returns a port that nothing listens on, on 127.0.0.1 nor on ::1.
	 */
	public int refusedPort() {
		return refusedPorts(1)[0];
	}

	/**
	 * Returns distinct ports that nothing listens on, on 127.0.0.1 nor on ::1. Another process
	 * could take one meanwhile, as with portend's {@code find_available_local_port}.
	 */
	public int[] refusedPorts(int count) {
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
			this.listeners.forEach(Listener::release);
		}
		if (this.server.isAlive()) {
			throw new IllegalStateException("The listeners' selector thread did not stop");
		}
		if (this.failure != null) {
			throw this.failure;
		}
	}

	private Listener listening(InetSocketAddress address, OnAccept onAccept) {
		Listener listener = listener(address, onAccept);
		listener.start();
		return listener;
	}

	private Listener listener(InetSocketAddress address, OnAccept onAccept) {
		Listener listener = new Listener(this, address, onAccept);
		synchronized (this.listeners) {
			this.listeners.add(listener);
		}
		return listener;
	}

	/**
	 * Has the selector thread accept the connections of a listening channel.
	 */
	void register(ServerSocketChannel channel, Listener listener) {
		runOnServer(() -> {
			channel.register(this.selector, SelectionKey.OP_ACCEPT, listener);
			return 0L;
		});
	}

	/**
	 * Stops a registered channel listening: once this returns, connection attempts are refused.
	 * @return {@link System#nanoTime()} when the channel's socket was closed
	 */
	long closeRegistered(ServerSocketChannel channel) {
		return runOnServer(() -> {
			SelectionKey key = channel.keyFor(this.selector);
			if (key != null) {
				key.cancel();
				// Deregisters the cancelled key: only then does closing the channel close its socket.
				this.selector.selectNow();
			}
			channel.close();
			return System.nanoTime();
		});
	}

	/**
	 * Waits until the selector thread has handled every event that happened before this call.
	 * Each task runs in a later round than the one before it: the first may run in the current
	 * round, the second after a select that saw every event so far, the third after the data or
	 * close of connections accepted in that round.
	 */
	void sync() {
		for (int round = 0; round < 3; round++) {
			runOnServer(() -> 0L);
		}
	}

	/**
	 * Runs a task on the selector thread, after the selected keys of a round were handled, and
	 * waits for its result.
	 */
	private long runOnServer(Task task) {
		FutureTask<Long> future = new FutureTask<>(task::run);
		this.tasks.add(future);
		this.selector.wakeup();
		try {
			return future.get(TASK_TIMEOUT_SECONDS, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting for the listeners' thread", ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IllegalStateException("The listeners' thread failed to run a task", ex);
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
				// round, so that sync() spans a round.
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
				listener.accepted(connection, this.selector);
			}
		}
		else if (key.isReadable()) {
			listener.read(key, this.buffer);
		}
	}

	static boolean canBind(InetSocketAddress address) {
		try (ServerSocket socket = new ServerSocket()) {
			socket.bind(address, 1);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	static void closeQuietly(Closeable closeable) {
		try {
			closeable.close();
		}
		catch (IOException ex) {
			// Closing a test's socket can only fail if it is already broken: nothing to clean up.
		}
	}

	@FunctionalInterface
	private interface Task {

		long run() throws IOException;

	}

}
