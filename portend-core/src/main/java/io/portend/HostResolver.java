package io.portend;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Turns a host into the addresses to connect to. Checks resolve the host again before every
 * round of attempts, so a name that appears late (as container names do) is picked up.
 *
 * <p>Resolvers are called on a small shared pool of threads, never in the waiting thread: one
 * that blocks delays neither a wait's deadline nor the other ports, and one still running when
 * a wait ends is interrupted, and its answer dropped. A resolver may be called from several
 * threads at once.
 *
 * <p>The {@linkplain #system() system resolver} goes through {@link InetAddress}, and so through
 * the JVM's cache: a name that failed to resolve is retried only after
 * {@code networkaddress.cache.negative.ttl} (10 seconds by default; the command line sets it to
 * 0, a library leaves it to the application, see {@link Checker}). Tests pass their own
 * resolver to stay off the network.
 */
@FunctionalInterface
public interface HostResolver {

	/**
	 * Returns every address of the host, IPv4 and IPv6.
	 * @param host a host name or IP literal, never empty
	 * @return the addresses, not empty
	 * @throws UnknownHostException if the host does not resolve (yet)
	 */
	List<InetAddress> resolve(String host) throws UnknownHostException;

	/**
	 * Returns the resolver of the JVM, {@link InetAddress#getAllByName(String)}.
	 * @return the system resolver
	 */
	static HostResolver system() {
		return SystemHostResolver.INSTANCE;
	}

}
