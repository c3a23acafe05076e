package io.portend;

import io.portend.servers.Listeners;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Skips tests that need the IPv6 loopback on a machine without it.
 */
final class Ipv6Loopback {

	private Ipv6Loopback() {
	}

	/**
	 * Skips the calling test when it needs IPv6 (its host contains ':') and the machine has no
	 * {@code ::1}.
	 */
	static void assumeAvailableFor(String host) {
		assumeTrue(host.indexOf(':') < 0 || Listeners.ipv6Available(), "IPv6 loopback ::1 is not available");
	}

}
