package io.portend.servers;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link KafkaServer}: it leaves nothing running behind it.
 */
@Timeout(120)
class KafkaServerTests {

	/**
	 * Kafka's Yammer metrics registry is static: its two meter-tick daemon threads serve every
	 * broker in the JVM and live as long as it does.
	 */
	private static final String JVM_WIDE_THREAD_PREFIX = "metrics-meter-tick-thread-";

	@Test
	void closeStopsEveryThreadTheBrokerStarted() throws Exception {
		Set<Thread> before = Thread.getAllStackTraces().keySet();
		try (KafkaServer kafka = KafkaServer.start()) {
			assertThat(threadsStartedSince(before)).isNotEmpty();
		}
		long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		Set<String> left = threadsStartedSince(before);
		while (!left.isEmpty() && System.nanoTime() < deadline) {
			LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
			left = threadsStartedSince(before);
		}
		assertThat(left).isEmpty();
	}

	@Test
	void closeOfABrokerNeverStartedFreesItsPort() throws Exception {
		InetSocketAddress address;
		try (KafkaServer kafka = KafkaServer.bind()) {
			address = kafka.address();
			connect(address);
		}
		assertThatExceptionOfType(ConnectException.class).isThrownBy(() -> connect(address));
	}

	private static Set<String> threadsStartedSince(Set<Thread> before) {
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter((thread) -> thread.isAlive() && !before.contains(thread))
			.map(Thread::getName)
			.filter((name) -> !name.startsWith(JVM_WIDE_THREAD_PREFIX) && !name.startsWith("ForkJoinPool"))
			.collect(Collectors.toSet());
	}

	private static void connect(InetSocketAddress address) throws IOException {
		try (Socket socket = new Socket()) {
			socket.connect(address, 5000);
		}
	}

}
