package io.portend;

import java.io.IOException;
import java.net.InetAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/** One connection attempt to one address of a port. */
final class Attempt {

	final InetAddress address;

	final SocketChannel channel;

	final long started;

	/** When the attempt gives up: the connect timeout, or the run's deadline if sooner. */
	long deadline;

	/** Whether the handshake completed: closing then resets the connection. */
	boolean connected;

	/** When the strict check's window ends; 0 until connected with a strict check. */
	long strictUntil;

	/** What is left to send of a readiness conversation's request; {@code null} until connected. */
	ByteBuffer request;

	/** The reply received so far in a readiness conversation; {@code null} until connected. */
	ByteBuffer reply;

	Attempt(InetAddress address, SocketChannel channel, long deadline, long started) {
		this.address = address;
		this.channel = channel;
		this.deadline = deadline;
		this.started = started;
	}

	/** Whether a readiness conversation is under way on the connection. */
	boolean conversing() {
		return this.reply != null;
	}

	/**
	 * Closes the channel. One that only connected is reset (SO_LINGER 0) so that frequent checks
	 * leave no TIME_WAIT sockets behind; one that held a conversation is closed cleanly, as a
	 * client of that service would, so that the server has nothing to log about it.
	 */
	void close() {
		try {
			if (this.connected && !conversing()) {
				this.channel.setOption(StandardSocketOptions.SO_LINGER, 0);
			}
		}
		catch (IOException | RuntimeException ex) {
			// The peer may already have reset the connection: closing is all that matters.
		}
		try {
			this.channel.close();
		}
		catch (IOException ex) {
			// Nothing more can be done with a socket that fails to close.
		}
	}

}
