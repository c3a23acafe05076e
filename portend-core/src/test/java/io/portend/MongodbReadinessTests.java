package io.portend;

import java.time.Duration;

import io.portend.servers.MongodbStandIn;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static io.portend.Conversations.converse;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link MongodbConversation} against {@link MongodbStandIn}, a Java server speaking MongoDB's
 * wire protocol: no MongoDB server is installable on this project's machines, so this is the
 * stand-in for a real one.
 */
@Timeout(60)
class MongodbReadinessTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(5);

	@Test
	void servingIsReady() throws Exception {
		try (MongodbStandIn mongodb = MongodbStandIn.serving()) {
			assertThat(converse(MongodbConversation.INSTANCE, mongodb.address(), TIMEOUT))
				.isEqualTo(Verdict.ready("answers hello"));
		}
	}

	@Test
	void shuttingDownIsNotReady() throws Exception {
		try (MongodbStandIn mongodb = MongodbStandIn.shuttingDown()) {
			assertThat(converse(MongodbConversation.INSTANCE, mongodb.address(), TIMEOUT)).isEqualTo(Verdict.notReady(
					"answered hello with ok: 0: ShutdownInProgress The server is in quiesce mode and will shut down"));
		}
	}

}
