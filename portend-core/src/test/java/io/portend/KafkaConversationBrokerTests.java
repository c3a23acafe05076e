package io.portend;

import java.time.Duration;

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
		Verdict verdict = KafkaTestConversations.converse(kafka.address(), TIMEOUT);
		assertThat(verdict.state()).isEqualTo(Verdict.State.READY);
		assertThat(verdict.detail()).matches("1 broker in cluster [A-Za-z0-9_-]{22}");
	}

	@Test
	void brokerAnswersEachConversationAlike() throws Exception {
		Verdict first = KafkaTestConversations.converse(kafka.address(), TIMEOUT);
		for (int i = 0; i < 20; i++) {
			assertThat(KafkaTestConversations.converse(kafka.address(), TIMEOUT)).isEqualTo(first);
		}
	}

}
