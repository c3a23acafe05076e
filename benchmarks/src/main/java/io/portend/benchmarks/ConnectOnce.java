package io.portend.benchmarks;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.SocketChannel;

/**
 * A main that connects once to a port on loopback and exits: the floor of any Java CLI that
 * checks a port, which the CLI's start-up is compared with (B6). A fresh JVM's first connection
 * pays for loading the JDK's socket classes.
 */
public final class ConnectOnce {

	private ConnectOnce() {
	}

	/**
	 * Connects (blocking) to {@code 127.0.0.1:<port>} and closes the connection.
	 * @param args the port, which must be listening
	 * @throws IOException if the connection fails
	 */
	public static void main(String[] args) throws IOException {
		SocketChannel.open(new InetSocketAddress(Loopback.HOST, Integer.parseInt(args[0]))).close();
	}

}
