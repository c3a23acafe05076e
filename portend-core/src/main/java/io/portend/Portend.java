package io.portend;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Collection;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Waits for TCP ports to become occupied (accepting connections) or free: the functions of
 * Python's portend.
 *
 * <pre>{@code
 * Portend.occupied("localhost", 5432, Duration.ofSeconds(30));   // a database that starts late
 * Portend.free("::1", 8080, 5.0);                                 // a server that shuts down
 * }</pre>
 *
 * <p>Waits are blocking and interruptible, and keep their deadline exactly: no connection
 * attempt outlives the time left, however slowly names resolve. While waiting, a port is
 * checked every 4 ms at first, so a change is noticed within a few milliseconds, and ever less
 * often as the wait goes on (0.5 % of the time waited, up to 100 ms). A host that does not
 * resolve (yet) is not occupied, and is free: nothing can accept a connection there. See
 * {@link Checker} for what occupied and free mean, and for waits on several ports at once.
 */
public final class Portend {

	/** portend's {@code occupied} gives each connection attempt half a second. */
	private static final Checker OCCUPIED_CHECKER = new Checker(Duration.ofMillis(500));

	/** portend's {@code free} gives each connection attempt a tenth of a second. */
	private static final Checker FREE_CHECKER = new Checker(Duration.ofMillis(100));

	private Portend() {
	}

	/**
	 * Waits forever for the port to become free (refusing or dropping connections).
	 * @param host a host name or IP literal; a bind-all address is checked on loopback
	 * @param port the port, from 1 to 65535
	 * @throws PortTimeoutException never, as there is no timeout (declared for symmetry)
	 * @throws InterruptedException if the thread was interrupted
	 * @throws IllegalArgumentException if the host is null or empty ({@code Host values of '' or
	 * null are not allowed.}) or malformed, or the port is out of range
	 */
	public static void free(String host, int port) throws PortTimeoutException, InterruptedException {
		free(host, port, (Duration) null);
	}

	/**
	 * Waits for the port to become free (refusing or dropping connections), portend's
	 * {@code free}.
	 * @param host a host name or IP literal; a bind-all address is checked on loopback
	 * @param port the port, from 1 to 65535
	 * @param timeout how long to wait; {@code null} waits forever
	 * @throws PortTimeoutException if the port is still occupied at the deadline:
	 * {@code Port {port} not free on {host}.}
	 * @throws InterruptedException if the thread was interrupted
	 * @throws IllegalArgumentException if the host is null, empty or malformed, the port is out
	 * of range, or the timeout is negative
	 */
	public static void free(String host, int port, @Nullable Duration timeout)
			throws PortTimeoutException, InterruptedException {
		FREE_CHECKER.awaitFree(List.of(target(host, port)), timeout);
	}

	/**
	 * Waits for the port to become free, with a timeout in seconds as portend takes it.
	 * @param host a host name or IP literal; a bind-all address is checked on loopback
	 * @param port the port, from 1 to 65535
	 * @param seconds how long to wait; {@link Double#POSITIVE_INFINITY} waits forever
	 * @throws PortTimeoutException if the port is still occupied at the deadline
	 * @throws InterruptedException if the thread was interrupted
	 * @throws IllegalArgumentException if the host or port is invalid, or the timeout is
	 * negative or NaN
	 */
	public static void free(String host, int port, double seconds) throws PortTimeoutException, InterruptedException {
		free(host, port, seconds(seconds));
	}

	/**
	 * Waits forever for the port to become occupied (accepting connections).
	 * @param host a host name or IP literal; a bind-all address is checked on loopback
	 * @param port the port, from 1 to 65535
	 * @throws PortTimeoutException never, as there is no timeout (declared for symmetry)
	 * @throws InterruptedException if the thread was interrupted
	 * @throws IllegalArgumentException if the host or port is invalid
	 */
	public static void occupied(String host, int port) throws PortTimeoutException, InterruptedException {
		occupied(host, port, (Duration) null);
	}

	/**
	 * Waits for the port to become occupied (accepting connections), portend's {@code occupied}.
	 * @param host a host name or IP literal; a bind-all address is checked on loopback
	 * @param port the port, from 1 to 65535
	 * @param timeout how long to wait; {@code null} waits forever
	 * @throws PortTimeoutException if nothing accepted a connection by the deadline:
	 * {@code Port {port} not bound on {host}.}, followed by the resolver's error when the host
	 * does not resolve
	 * @throws InterruptedException if the thread was interrupted
	 * @throws IllegalArgumentException if the host or port is invalid, or the timeout is negative
	 */
	public static void occupied(String host, int port, @Nullable Duration timeout)
			throws PortTimeoutException, InterruptedException {
		OCCUPIED_CHECKER.awaitOccupied(List.of(target(host, port)), timeout);
	}

	/**
	 * Waits for the port to become occupied, with a timeout in seconds as portend takes it.
	 * @param host a host name or IP literal; a bind-all address is checked on loopback
	 * @param port the port, from 1 to 65535
	 * @param seconds how long to wait; {@link Double#POSITIVE_INFINITY} waits forever
	 * @throws PortTimeoutException if nothing accepted a connection by the deadline
	 * @throws InterruptedException if the thread was interrupted
	 * @throws IllegalArgumentException if the host or port is invalid, or the timeout is
	 * negative or NaN
	 */
	public static void occupied(String host, int port, double seconds)
			throws PortTimeoutException, InterruptedException {
		occupied(host, port, seconds(seconds));
	}

	/**
	 * Waits until every port is occupied, checking them all at the same time under one deadline.
	 * @param targets the ports
	 * @param timeout how long to wait; {@code null} waits forever
	 * @throws PortTimeoutException naming every port not occupied by the deadline
	 * @throws InterruptedException if the thread was interrupted
	 * @throws IllegalArgumentException if the timeout is negative
	 */
	public static void occupied(Collection<HostPort> targets, @Nullable Duration timeout)
			throws PortTimeoutException, InterruptedException {
		OCCUPIED_CHECKER.awaitOccupied(targets, timeout);
	}

	/**
	 * Waits until every port is free, checking them all at the same time under one deadline.
	 * @param targets the ports
	 * @param timeout how long to wait; {@code null} waits forever
	 * @throws PortTimeoutException naming every port not free by the deadline
	 * @throws InterruptedException if the thread was interrupted
	 * @throws IllegalArgumentException if the timeout is negative
	 */
	public static void free(Collection<HostPort> targets, @Nullable Duration timeout)
			throws PortTimeoutException, InterruptedException {
		FREE_CHECKER.awaitFree(targets, timeout);
	}

	/**
	 * Returns the checker that {@code occupied} waits with: each connection attempt may take
	 * half a second, as in portend. Its {@code with…} methods make a changed copy, such as one
	 * that reports progress or checks strictly.
	 * @return the checker
	 */
	public static Checker occupiedChecker() {
		return OCCUPIED_CHECKER;
	}

	/**
	 * Returns the checker that {@code free} waits with: each connection attempt may take a
	 * tenth of a second, as in portend.
	 * @return the checker
	 */
	public static Checker freeChecker() {
		return FREE_CHECKER;
	}

	/**
	 * Alias of {@link #free(String, int)}, portend's {@code wait_for_free_port}.
	 * @param host the host
	 * @param port the port
	 * @throws PortTimeoutException never
	 * @throws InterruptedException if the thread was interrupted
	 * @deprecated use {@link #free(String, int)}
	 */
	@Deprecated
	public static void waitForFreePort(String host, int port) throws PortTimeoutException, InterruptedException {
		free(host, port);
	}

	/**
	 * Alias of {@link #free(String, int, Duration)}, portend's {@code wait_for_free_port}.
	 * @param host the host
	 * @param port the port
	 * @param timeout how long to wait; {@code null} waits forever
	 * @throws PortTimeoutException if the port is still occupied at the deadline
	 * @throws InterruptedException if the thread was interrupted
	 * @deprecated use {@link #free(String, int, Duration)}
	 */
	@Deprecated
	public static void waitForFreePort(String host, int port, @Nullable Duration timeout)
			throws PortTimeoutException, InterruptedException {
		free(host, port, timeout);
	}

	/**
	 * Alias of {@link #free(String, int, double)}, portend's {@code wait_for_free_port}.
	 * @param host the host
	 * @param port the port
	 * @param seconds how long to wait
	 * @throws PortTimeoutException if the port is still occupied at the deadline
	 * @throws InterruptedException if the thread was interrupted
	 * @deprecated use {@link #free(String, int, double)}
	 */
	@Deprecated
	public static void waitForFreePort(String host, int port, double seconds)
			throws PortTimeoutException, InterruptedException {
		free(host, port, seconds);
	}

	/**
	 * Alias of {@link #occupied(String, int)}, portend's {@code wait_for_occupied_port}.
	 * @param host the host
	 * @param port the port
	 * @throws PortTimeoutException never
	 * @throws InterruptedException if the thread was interrupted
	 * @deprecated use {@link #occupied(String, int)}
	 */
	@Deprecated
	public static void waitForOccupiedPort(String host, int port) throws PortTimeoutException, InterruptedException {
		occupied(host, port);
	}

	/**
	 * Alias of {@link #occupied(String, int, Duration)}, portend's {@code wait_for_occupied_port}.
	 * @param host the host
	 * @param port the port
	 * @param timeout how long to wait; {@code null} waits forever
	 * @throws PortTimeoutException if nothing accepted a connection by the deadline
	 * @throws InterruptedException if the thread was interrupted
	 * @deprecated use {@link #occupied(String, int, Duration)}
	 */
	@Deprecated
	public static void waitForOccupiedPort(String host, int port, @Nullable Duration timeout)
			throws PortTimeoutException, InterruptedException {
		occupied(host, port, timeout);
	}

	/**
	 * Alias of {@link #occupied(String, int, double)}, portend's {@code wait_for_occupied_port}.
	 * @param host the host
	 * @param port the port
	 * @param seconds how long to wait
	 * @throws PortTimeoutException if nothing accepted a connection by the deadline
	 * @throws InterruptedException if the thread was interrupted
	 * @deprecated use {@link #occupied(String, int, double)}
	 */
	@Deprecated
	public static void waitForOccupiedPort(String host, int port, double seconds)
			throws PortTimeoutException, InterruptedException {
		occupied(host, port, seconds);
	}

	/**
	 * Returns the host on which a client can connect to a listener bound to the given host,
	 * portend's {@code client_host}: {@code 127.0.0.1} for {@code 0.0.0.0}, {@code ::1} for
	 * {@code ::} in every spelling ({@code ::0}, {@code ::0.0.0.0}, Java's
	 * {@code 0:0:0:0:0:0:0:0}), and any other host unchanged.
	 * @param serverHost the host a server binds to
	 * @return the host a client connects to
	 */
	public static String clientHost(String serverHost) {
		return Hosts.clientHost(serverHost);
	}

	/**
	 * Finds a port on loopback that nothing listens on now, portend's
	 * {@code find_available_local_port}. Another process may take it before it is used.
	 * @return a port from 1 to 65535
	 * @throws UncheckedIOException if no port can be bound
	 */
	public static int findAvailableLocalPort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot bind a local port", ex);
		}
	}

	private static HostPort target(String host, int port) {
		return new HostPort(Checker.requireHost(host), port);
	}

	/**
	 * Converts portend's timeout in seconds: infinity means forever.
	 */
	static @Nullable Duration seconds(double seconds) {
		if (Double.isNaN(seconds) || seconds < 0) {
			throw new IllegalArgumentException("Invalid timeout " + seconds + ": it must be a number of seconds, 0 or more.");
		}
		if (seconds >= Probe.FOREVER / 1e9) {
			return null;
		}
		return Duration.ofNanos((long) (seconds * 1e9));
	}

}
