package io.portend;

import java.net.Socket;
import java.time.Duration;
import java.util.List;

import io.portend.servers.Listener;
import io.portend.servers.Listeners;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * What checks leave behind and send: no file descriptors, no threads, no bytes.
 */
class CheckerResourceTests {

	/** Descriptors the JVM may open or close on its own meanwhile (class loading, the listeners' thread). */
	private static final int DESCRIPTOR_TOLERANCE = 5;

	@AutoClose
	final Listeners listeners = new Listeners();

	@Test
	void manyChecksLeaveNoFileDescriptorsNorThreadsBehind() throws Exception {
		ProcessResources.assumeFileDescriptorsVisible();
		HostPort refused = new HostPort("127.0.0.1", this.listeners.refusedPort());
		Listener accepting = this.listeners.accepting(Listeners.IPV4_LOOPBACK);
		HostPort blackholed = this.listeners.blackholed().target();
		Checker checker = new Checker();
		Checker impatient = new Checker(Duration.ofMillis(1));
		// Warm up, so that classes and the selector provider are loaded before counting.
		checker.check(List.of(refused, accepting.target()));
		impatient.check(blackholed);
		int descriptorsBefore = ProcessResources.openFileDescriptors();
		int threadsBefore = ProcessResources.liveThreads();
		int occupied = 0;
		for (int i = 0; i < 10_000; i++) {
			if (i % 50 == 0) {
				PortStatus status = impatient.check(blackholed);
				assertThat(status.occupied()).as(status.toString()).isFalse();
			}
			else if (i % 2 == 0) {
				occupied += checker.check(accepting.target()).occupied() ? 1 : 0;
			}
			else {
				PortStatus status = checker.check(refused);
				assertThat(status.occupied()).as(status.toString()).isFalse();
			}
		}
		assertThat(occupied).isEqualTo(4_800);
		assertThat(accepting.openConnections()).as("connections the checks left open").isZero();
		assertThat(accepting.accepts()).isGreaterThanOrEqualTo(4_800);
		assertThat(ProcessResources.openFileDescriptors()).isLessThanOrEqualTo(descriptorsBefore + DESCRIPTOR_TOLERANCE);
		assertThat(ProcessResources.liveThreads()).isLessThanOrEqualTo(threadsBefore);
	}

	@Test
	void checksAndWaitsNeverSendAByte() throws Exception {
		Listener recording = this.listeners.accepting(Listeners.IPV4_LOOPBACK);
		HostPort target = recording.target();
		Checker checker = new Checker();
		for (int i = 0; i < 5; i++) {
			assertThat(checker.check(target).occupied()).isTrue();
		}
		assertThat(checker.withStrictCheck(Duration.ofMillis(50)).check(target).occupied()).isTrue();
		checker.awaitOccupied(List.of(target), Duration.ofSeconds(5));
		Portend.occupied(target.host(), target.port(), Duration.ofSeconds(5));
		assertThatExceptionOfType(PortTimeoutException.class)
			.isThrownBy(() -> Portend.free(target.host(), target.port(), Duration.ofMillis(100)));
		assertThat(recording.accepts()).isGreaterThanOrEqualTo(9);
		assertThat(recording.bytesReceived()).isZero();
		assertThat(recording.openConnections()).isZero();
	}

	@Test
	void recordingListenerCountsBytesSentBeforeAReset() throws Exception {
		Listener recording = this.listeners.accepting(Listeners.IPV4_LOOPBACK);
		try (Socket client = new Socket(Listeners.IPV4_LOOPBACK, recording.port())) {
			client.getOutputStream().write(new byte[] { 1, 2, 3 });
			// Closed as checks close: with a reset.
			client.setSoLinger(true, 0);
		}
		assertThat(recording.bytesReceived()).isEqualTo(3);
		assertThat(recording.accepts()).isEqualTo(1);
		assertThat(recording.openConnections()).isZero();
	}

}
