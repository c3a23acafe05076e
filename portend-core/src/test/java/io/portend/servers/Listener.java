package io.portend.servers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.portend.HostPort;

/**
 * One listening socket of {@link Listeners}. It keeps its port when it stops listening and
 * starts again, or becomes a blackhole.
 */
public final class Listener implements AutoCloseable {

	/**
	 * Connections wait in the backlog while the selector thread is not scheduled, even those the
	 * peer reset already: a short backlog would overflow, and then drop connection attempts.
	 */
	private static final int BACKLOG = 1024;

	/** A connection on loopback completes within the connect call: one this slow was dropped. */
	private static final int DROPPED_AFTER_MILLIS = 200;

	/** Far more than a backlog of 1 holds (Linux queues backlog + 1 connections). */
	private static final int MAX_FILLERS = 16;

	/** What a listener does with the connections it accepts. */
	enum OnAccept {

		/** Keeps a connection open until the peer closes it, counting the bytes it sends. */
		HOLD,

		/** Closes a connection at once (a FIN). */
		CLOSE,

		/** Resets a connection at once (SO_LINGER 0, then close). */
		RESET

	}

	private final Listeners server;

	private final OnAccept onAccept;

	/** Connections made to fill the backlog of a blackhole. */
	private final List<Socket> fillers = new ArrayList<>();

	private final AtomicInteger accepts = new AtomicInteger();

	private final AtomicInteger openConnections = new AtomicInteger();

	private final AtomicLong bytesReceived = new AtomicLong();

	/** Port 0 until the first bind chose one; the same port from then on. */
	private volatile InetSocketAddress address;

	/** {@code null} while not listening; guarded by {@code this}. */
	private ServerSocketChannel channel;

	Listener(Listeners server, InetSocketAddress address, OnAccept onAccept) {
		this.server = server;
		this.address = address;
		this.onAccept = onAccept;
	}

	/**
	 * Returns the local address, as a {@link java.net.ServerSocket} gives it.
	 */
	public InetSocketAddress address() {
		return this.address;
	}

	public HostPort target() {
		return HostPort.fromAddress(this.address);
	}

	public int port() {
		return this.address.getPort();
	}

	/**
	 * Returns how many connections were accepted, once every connection made before this call
	 * was handled.
	 */
	public int accepts() {
		this.server.sync();
		return this.accepts.get();
	}

	/**
	 * Returns how many bytes all connections received, once every connection made before this
	 * call was handled.
	 */
	public long bytesReceived() {
		this.server.sync();
		return this.bytesReceived.get();
	}

	/**
	 * Returns how many accepted connections are still open, once every connection made and
	 * closed before this call was handled.
	 */
	public int openConnections() {
		this.server.sync();
		return this.openConnections.get();
	}

	/**
	 * Listens (again) on this listener's port.
	 * @return {@link System#nanoTime()} when the socket was listening
	 * @throws IllegalStateException if it listens already
	 */
	public synchronized long start() {
		ServerSocketChannel listening = bind(BACKLOG);
		long listeningAt = System.nanoTime();
		this.server.register(listening, this);
		return listeningAt;
	}

	/**
	 * Stops accepting and goes on listening with a full backlog, so that the kernel drops further
	 * connection attempts (SYNs) without an answer, as a firewall does.
	 */
	public synchronized void blackhole() {
		stop();
		bind(1);
		// Fill the backlog: connect until an attempt is dropped.
		for (int i = 0; i < MAX_FILLERS; i++) {
			Socket filler = new Socket();
			this.fillers.add(filler);
			try {
				filler.connect(this.address, DROPPED_AFTER_MILLIS);
			}
			catch (SocketTimeoutException ex) {
				return;
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
		throw new IllegalStateException("The kernel kept accepting connections to " + this
				+ " beyond its backlog: cannot make a blackhole here");
	}

	/**
	 * Stops listening: once this returns, connection attempts are refused. Connections this
	 * listener holds stay open. Does nothing if it does not listen.
	 * @return {@link System#nanoTime()} when the socket was closed
	 */
	public synchronized long stop() {
		ServerSocketChannel listening = this.channel;
		if (listening == null) {
			return System.nanoTime();
		}
		this.channel = null;
		if (!this.fillers.isEmpty()) {
			this.fillers.forEach(Listeners::closeQuietly);
			this.fillers.clear();
			Listeners.closeQuietly(listening);
			return System.nanoTime();
		}
		return this.server.closeRegistered(listening);
	}

	/**
	 * Stops listening, as {@link #stop()} does.
	 */
	@Override
	public void close() {
		stop();
	}

	@Override
	public String toString() {
		return String.valueOf(target());
	}

	private ServerSocketChannel bind(int backlog) {
		if (this.channel != null) {
			throw new IllegalStateException(this + " is listening already");
		}
		try {
			ServerSocketChannel listening = ServerSocketChannel.open();
			try {
				// Connections this listener accepted before it stopped may still hold the port, or its TIME_WAIT.
				listening.setOption(StandardSocketOptions.SO_REUSEADDR, true);
				listening.bind(this.address, backlog);
				listening.configureBlocking(false);
			}
			catch (IOException ex) {
				Listeners.closeQuietly(listening);
				throw ex;
			}
			this.address = (InetSocketAddress) listening.socket().getLocalSocketAddress();
			this.channel = listening;
			return listening;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot listen on " + this.address, ex);
		}
	}

	/**
	 * Closes what the selector thread does not: the sockets of a blackhole. Called once that
	 * thread stopped.
	 */
	synchronized void release() {
		if (!this.fillers.isEmpty()) {
			stop();
		}
	}

	void accepted(SocketChannel connection, Selector selector) throws IOException {
		this.accepts.incrementAndGet();
		switch (this.onAccept) {
			case HOLD -> {
				connection.configureBlocking(false);
				connection.register(selector, SelectionKey.OP_READ, this);
				this.openConnections.incrementAndGet();
			}
			case CLOSE -> connection.close();
			case RESET -> {
				connection.setOption(StandardSocketOptions.SO_LINGER, 0);
				connection.close();
			}
		}
	}

	void read(SelectionKey key, ByteBuffer buffer) throws IOException {
		SocketChannel connection = (SocketChannel) key.channel();
		buffer.clear();
		int read;
		try {
			read = connection.read(buffer);
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

}
