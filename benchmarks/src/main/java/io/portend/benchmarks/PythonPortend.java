package io.portend.benchmarks;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

import io.portend.HostResolver;

/**
 * The reference: Python portend's own waiting algorithm (portend 3.2), re-implemented for
 * comparison only. Each round tries a blocking connect to every address the host resolves to,
 * in turn; between rounds it sleeps 100 ms; the deadline is checked only between rounds, so a
 * round that starts just before it runs its whole course.
 */
final class PythonPortend {

	/** {@code occupied} checks with {@code Checker(timeout=0.5)}. */
	private static final int OCCUPIED_CONNECT_TIMEOUT_MILLIS = 500;

	/** {@code free} checks with {@code Checker(timeout=0.1)}. */
	private static final int FREE_CONNECT_TIMEOUT_MILLIS = 100;

	/** "Politely wait." */
	private static final long SLEEP_MILLIS = 100;

	private PythonPortend() {
	}

	/**
	 * portend's {@code occupied(host, port, timeout)}.
	 */
	static void occupied(String host, int port, Duration timeout) throws TimeoutException, IOException,
			InterruptedException {
		occupied(HostResolver.system(), host, port, timeout);
	}

	/**
	 * portend's {@code occupied(host, port, timeout)}, its {@code getaddrinfo} answered by the
	 * given resolver, in the waiting thread as portend's is.
	 */
	static void occupied(HostResolver resolver, String host, int port, Duration timeout)
			throws TimeoutException, IOException, InterruptedException {
		long start = System.nanoTime();
		while (!anyAccepts(resolver, host, port, OCCUPIED_CONNECT_TIMEOUT_MILLIS)) {
			if (System.nanoTime() - start > timeout.toNanos()) {
				throw new TimeoutException("Port " + port + " not bound on " + host + ".");
			}
			Thread.sleep(SLEEP_MILLIS);
		}
	}

	/**
	 * portend's {@code free(host, port, timeout)}.
	 */
	static void free(String host, int port, Duration timeout) throws TimeoutException, IOException,
			InterruptedException {
		long start = System.nanoTime();
		while (anyAccepts(HostResolver.system(), host, port, FREE_CONNECT_TIMEOUT_MILLIS)) {
			if (System.nanoTime() - start > timeout.toNanos()) {
				throw new TimeoutException("Port " + port + " not free on " + host + ".");
			}
			Thread.sleep(SLEEP_MILLIS);
		}
	}

	/**
	 * {@code Checker.assert_free}: {@code getaddrinfo}, then one blocking connect per address;
	 * the first accepted connection ends the check. A refused or timed-out attempt is
	 * {@code socket.error}, ignored; a name that does not resolve raises.
	 */
	private static boolean anyAccepts(HostResolver resolver, String host, int port, int timeoutMillis)
			throws IOException {
		for (InetAddress address : resolver.resolve(host)) {
			try (Socket socket = new Socket()) {
				socket.connect(new InetSocketAddress(address, port), timeoutMillis);
				return true;
			}
			catch (IOException ex) {
				// Refused, timed out or unreachable: this address is free.
			}
		}
		return false;
	}

}
