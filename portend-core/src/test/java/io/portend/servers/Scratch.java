package io.portend.servers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * What the server fixtures share: a directory of their own, a free loopback port, and bounded
 * waits on a server's own signs of readiness.
 */
public final class Scratch {

	/** Between two looks at a server that is not there yet: its start takes far longer. */
	private static final long POLL_PAUSE_MILLIS = 20;

	private Scratch() {
	}

	/**
	 * Creates a new temporary directory.
	 */
	public static Path directory(String prefix) {
		try {
			return Files.createTempDirectory(prefix);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Deletes a directory and everything in it, quietly: files a stopped server left cannot matter.
	 */
	public static void delete(Path directory) {
		if (!Files.exists(directory)) {
			return;
		}
		try (Stream<Path> paths = Files.walk(directory)) {
			paths.sorted(Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
		}
		catch (IOException | UncheckedIOException ex) {
			// Left for the system's temporary directory cleaning.
		}
	}

	/**
	 * Returns a port that nothing listens on at 127.0.0.1 now. Another process could take it
	 * before the server does: the server's start then fails, saying so.
	 */
	public static int freePort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Returns whether a connection to the address is accepted now.
	 */
	public static boolean accepts(InetSocketAddress address) {
		try (Socket socket = new Socket()) {
			socket.connect(address, 1000);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	/**
	 * Looks at a condition until it holds, at most for a time limit.
	 * @param what what the condition means, for the failure
	 * @param explanation more to say on failure, such as the end of the server's log
	 * @throws IllegalStateException if the condition did not hold in time
	 */
	public static void await(Duration limit, String what, BooleanSupplier condition, Supplier<String> explanation) {
		long deadline = System.nanoTime() + limit.toNanos();
		while (!condition.getAsBoolean()) {
			if (System.nanoTime() - deadline > 0) {
				throw new IllegalStateException("Not " + what + " within " + limit + ":\n" + explanation.get());
			}
			try {
				Thread.sleep(POLL_PAUSE_MILLIS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("Interrupted while waiting until " + what, ex);
			}
		}
	}

	/**
	 * Returns whether a file contains a text now.
	 */
	public static boolean contains(Path file, String text) {
		try {
			return Files.exists(file) && Files.readString(file).contains(text);
		}
		catch (IOException ex) {
			return false;
		}
	}

}
