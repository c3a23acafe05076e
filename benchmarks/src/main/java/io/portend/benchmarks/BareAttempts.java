package io.portend.benchmarks;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The floor under any wait that polls a port that refuses (B3): one connection attempt every
 * {@link #INTERVAL} and nothing else, so that its CPU is what the JDK and the kernel charge for
 * an attempt and the sleep between two.
 */
final class BareAttempts {

	/**
	 * The longest interval that still notices a port opening at a random moment within 5 ms at
	 * the median (B1's goal): half an interval on average.
	 */
	static final Duration INTERVAL = Duration.ofMillis(10);

	private BareAttempts() {
	}

	/**
	 * Attempts, every {@link #INTERVAL} from the start, to connect to a port on loopback.
	 * @param port a port that refuses connections
	 * @param duration how long to go on
	 * @throws IllegalStateException if the port accepted a connection
	 */
	static void run(int port, Duration duration) throws IOException, InterruptedException {
		InetSocketAddress address = new InetSocketAddress(Loopback.ADDRESS, port);
		long start = System.nanoTime();
		for (long next = start; next - start < duration.toNanos(); next += INTERVAL.toNanos()) {
			// A fixed rate: the attempts' own time does not stretch the interval.
			TimeUnit.NANOSECONDS.sleep(next - System.nanoTime());
			try (SocketChannel channel = SocketChannel.open()) {
				channel.connect(address);
				throw new IllegalStateException("Port " + port + " accepted a connection.");
			}
			catch (ConnectException ex) {
				// Refused: the one outcome expected.
			}
		}
	}

}
