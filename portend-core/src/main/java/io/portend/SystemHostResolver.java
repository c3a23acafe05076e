package io.portend;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * {@link HostResolver} of the JVM, one instance: checks know it, and resolve IP literals without
 * handing them to another thread.
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
