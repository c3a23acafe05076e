package io.portend;

import java.time.Duration;
import java.util.List;

import io.portend.servers.KafkaServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link KafkaConversation} with a real Kafka broker that serves.
 */
@Timeout(120)
class KafkaConversationBrokerTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private static KafkaServer kafka;

	@BeforeAll
	static void startBroker() throws Exception {
		kafka = KafkaServer.start();
	}

	@AfterAll
	static void stopBroker() throws Exception {
		kafka.close();
	}

	@Test
	void brokerThatServesIsReady() throws Exception {
		// A broker that serves lists itself in its metadata a moment later: the wait sees to that.
		new Checker(TIMEOUT).awaitOccupied(List.of(target()), TIMEOUT);
		PortStatus status = new Checker(TIMEOUT).check(target());
		assertThat(status.occupied()).as(status.toString()).isTrue();
		assertThat(status.reason()).matches("ready: 1 broker in cluster [A-Za-z0-9_-]{22} \\(127\\.0\\.0\\.1\\)");
	}

	@Test
	void brokerAnswersEachConversationAlike() throws Exception {
		new Checker(TIMEOUT).awaitOccupied(List.of(target()), TIMEOUT);
		String first = new Checker(TIMEOUT).check(target()).reason();
		for (int i = 0; i < 20; i++) {
			assertThat(new Checker(TIMEOUT).check(target()).reason()).isEqualTo(first);
		}
	}

	private static HostPort target() {
		return new HostPort("127.0.0.1", kafka.address().getPort()).withProtocol(Protocol.KAFKA);
	}

}
