package io.portend;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * {@link HostResolver} of the JVM. A class rather than a lambda: the CLI starts faster without
 * bootstrapping one.
 */
final class SystemHostResolver implements HostResolver {

	static final SystemHostResolver INSTANCE = new SystemHostResolver();

	private SystemHostResolver() {
	}

	@Override
	public List<InetAddress> resolve(String host) throws UnknownHostException {
		return List.of(InetAddress.getAllByName(host));
	}

	@Override
	public String toString() {
		return "system resolver";
	}

}
