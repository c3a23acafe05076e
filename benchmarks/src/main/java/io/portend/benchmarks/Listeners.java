package io.portend.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import io.portend.HostPort;

/**
 * Many listening sockets on loopback whose connections one thread accepts and closes, so that
 * however often they are checked their backlogs never fill.
 */
final class Listeners implements AutoCloseable {

	private static final Duration JOIN_BOUND = Duration.ofSeconds(5);

	private final Selector selector;

	private final List<ServerSocketChannel> channels;

	private final Thread acceptor;

	private volatile boolean closed;

	private Listeners(Selector selector, List<ServerSocketChannel> channels) {
		this.selector = selector;
		this.channels = channels;
		this.acceptor = new Thread(this::acceptUntilClosed, "listeners");
		this.acceptor.setDaemon(true);
		this.acceptor.start();
	}

	/**
	 * Listens on the given number of ephemeral ports.
	 * @param backlog the backlog of each
	 */
	static Listeners open(int count, int backlog) throws IOException {
		Selector selector = Selector.open();
		List<ServerSocketChannel> channels = new ArrayList<>(count);
		try {
			for (int i = 0; i < count; i++) {
				ServerSocketChannel channel = ServerSocketChannel.open();
				channels.add(channel);
				channel.bind(new InetSocketAddress(Loopback.ADDRESS, 0), backlog);
				channel.configureBlocking(false);
				channel.register(selector, SelectionKey.OP_ACCEPT);
			}
		}
		catch (IOException | RuntimeException ex) {
			closeAll(channels);
			selector.close();
			throw ex;
		}
		return new Listeners(selector, channels);
	}

	List<HostPort> targets() {
		List<HostPort> targets = new ArrayList<>(this.channels.size());
		for (ServerSocketChannel channel : this.channels) {
			targets.add(new HostPort(Loopback.HOST, channel.socket().getLocalPort()));
		}
		return targets;
	}

	/**
	 * Stops accepting connections on the first ports, which keep listening: once their
	 * backlogs fill, they drop connection attempts.
	 * @return the ports
	 */
	List<HostPort> stopAccepting(int count) throws InterruptedException {
		List<HostPort> stopped = new ArrayList<>(count);
		for (ServerSocketChannel channel : this.channels.subList(0, count)) {
			channel.keyFor(this.selector).cancel();
			stopped.add(new HostPort(Loopback.HOST, channel.socket().getLocalPort()));
		}
		this.selector.wakeup();
		return stopped;
	}

	@Override
	public void close() throws IOException, InterruptedException {
		this.closed = true;
		this.selector.wakeup();
		this.acceptor.join(JOIN_BOUND.toMillis());
		closeAll(this.channels);
		this.selector.close();
	}

	private void acceptUntilClosed() {
		try {
			while (!this.closed) {
				this.selector.select();
				Iterator<SelectionKey> keys = this.selector.selectedKeys().iterator();
				while (keys.hasNext()) {
					SelectionKey key = keys.next();
					keys.remove();
					if (key.isValid()) {
						acceptAll((ServerSocketChannel) key.channel());
					}
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Listeners stopped accepting", ex);
		}
	}

	private static void acceptAll(ServerSocketChannel channel) throws IOException {
		SocketChannel accepted;
		while ((accepted = channel.accept()) != null) {
			accepted.close();
		}
	}

	private static void closeAll(List<ServerSocketChannel> channels) throws IOException {
		IOException failure = null;
		for (ServerSocketChannel channel : channels) {
			try {
				channel.close();
			}
			catch (IOException ex) {
				failure = ex;
			}
		}
		if (failure != null) {
			throw failure;
		}
	}

}
