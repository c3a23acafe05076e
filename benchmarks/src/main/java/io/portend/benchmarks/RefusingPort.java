package io.portend.benchmarks;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * A port on loopback that refuses connections and that no other process can take: a socket is
 * bound to it (without SO_REUSEADDR) but never listens. A port that is merely free may be bound
 * by any other process on a shared machine, or become the local end of a connection to itself.
 */
final class RefusingPort implements AutoCloseable {

	private final Socket holder;

	private RefusingPort(Socket holder) {
		this.holder = holder;
	}

	static RefusingPort open() throws IOException {
		Socket holder = new Socket();
		try {
			holder.setReuseAddress(false);
			holder.bind(new InetSocketAddress(Loopback.ADDRESS, 0));
		}
		catch (IOException ex) {
			holder.close();
			throw ex;
		}
		return new RefusingPort(holder);
	}

	int port() {
		return this.holder.getLocalPort();
	}

	/**
	 * Frees the port, which can then be bound at once.
	 */
	@Override
	public void close() throws IOException {
		this.holder.close();
	}

}
