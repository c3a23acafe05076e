package io.portend.benchmarks;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;

/**
 * Makes a port on loopback drop connection attempts, as a firewall would: the port listens but
 * never accepts, and its backlog is filled with connections held open until an attempt times
 * out. Linux then drops every new SYN, so attempts hang until their own timeout.
 */
final class Blackhole implements AutoCloseable {

	/** Far more than any backlog the figures use (a backlog of 1 holds 2 connections). */
	private static final int MAX_FILLERS = 64;

	/** A connection on loopback completes within the connect call: far less than this. */
	private static final int FILLER_TIMEOUT_MILLIS = 100;

	private final List<Socket> fillers;

	private Blackhole(List<Socket> fillers) {
		this.fillers = fillers;
	}

	/**
	 * Fills the backlog of a port that listens and does not accept.
	 * @throws IOException if the port refuses, or still accepts connections after many
	 */
	static Blackhole fill(int port) throws IOException {
		List<Socket> fillers = new ArrayList<>();
		try {
			for (int i = 0; i < MAX_FILLERS; i++) {
				Socket filler = new Socket();
				try {
					filler.connect(new InetSocketAddress(Loopback.ADDRESS, port), FILLER_TIMEOUT_MILLIS);
					fillers.add(filler);
				}
				catch (SocketTimeoutException ex) {
					filler.close();
					return new Blackhole(fillers);
				}
			}
		}
		catch (IOException | RuntimeException ex) {
			closeAll(fillers);
			throw ex;
		}
		closeAll(fillers);
		throw new IOException("Port " + port + " still accepted connections after " + MAX_FILLERS
				+ ": is something accepting on it, or does this kernel not drop SYNs on a full backlog?");
	}

	@Override
	public void close() throws IOException {
		closeAll(this.fillers);
	}

	private static void closeAll(List<Socket> sockets) throws IOException {
		for (Socket socket : sockets) {
			socket.close();
		}
	}

}
