package io.portend.benchmarks;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * The one address every figure uses: IPv4 loopback, a literal, so nothing is ever resolved.
 */
final class Loopback {

	static final String HOST = "127.0.0.1";

	static final InetAddress ADDRESS = address();

	private Loopback() {
	}

	private static InetAddress address() {
		try {
			return InetAddress.getByName(HOST);
		}
		catch (UnknownHostException ex) {
			throw new IllegalStateException("An IP literal always parses", ex);
		}
	}

}
