package io.portend.benchmarks;

import java.time.Duration;
import java.util.concurrent.TimeoutException;

import io.portend.servers.Listener;
import io.portend.servers.Listeners;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The reference must behave like Python portend, or the figures compare with nothing.
 */
class PythonPortendTests {

	private static final Duration SHORT = Duration.ofMillis(300);

	@AutoClose
	private final Listeners listeners = new Listeners();

	@Test
	void occupiedReturnsOnAListeningPort() throws Exception {
		Listener listener = this.listeners.closingAtOnce();
		PythonPortend.occupied(Loopback.HOST, listener.port(), Duration.ofSeconds(5));
	}

	@Test
	void occupiedTimesOutOnARefusingPortAfterTheTimeoutWithPortendsMessage() throws Exception {
		try (RefusingPort refusing = RefusingPort.open()) {
			long start = System.nanoTime();
			assertThatExceptionOfType(TimeoutException.class)
				.isThrownBy(() -> PythonPortend.occupied(Loopback.HOST, refusing.port(), SHORT))
				.withMessage("Port " + refusing.port() + " not bound on 127.0.0.1.");
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThan(SHORT);
		}
	}

	@Test
	void freeReturnsOnARefusingPort() throws Exception {
		try (RefusingPort refusing = RefusingPort.open()) {
			PythonPortend.free(Loopback.HOST, refusing.port(), Duration.ofSeconds(5));
		}
	}

	@Test
	void freeTimesOutOnAListeningPort() throws Exception {
		Listener listener = this.listeners.closingAtOnce();
		assertThatExceptionOfType(TimeoutException.class)
			.isThrownBy(() -> PythonPortend.free(Loopback.HOST, listener.port(), SHORT))
			.withMessage("Port " + listener.port() + " not free on 127.0.0.1.");
	}

}
