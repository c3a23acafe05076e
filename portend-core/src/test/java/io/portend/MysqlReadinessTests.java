package io.portend;

import java.time.Duration;

import io.portend.servers.MariadbServer;
import io.portend.servers.Scratch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static io.portend.Conversations.converse;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link MysqlConversation} against a real MariaDB: greeting, and refusing the client's host
 * before greeting.
 */
@Timeout(120)
class MysqlReadinessTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(5);

	@Test
	void greetingIsReady() {
		try (MariadbServer mariadb = MariadbServer.startGreetingEveryone()) {
			Verdict verdict = converse(MysqlConversation.INSTANCE, mariadb.address(), TIMEOUT);
			assertThat(verdict.state()).isEqualTo(Verdict.State.READY);
			assertThat(verdict.detail()).startsWith("greets as ").contains("MariaDB");
		}
	}

	@Test
	void hostNotAllowedIsNotReadyAndLogsAWarning() {
		try (MariadbServer mariadb = MariadbServer.startRefusingLoopback()) {
			assertThat(converse(MysqlConversation.INSTANCE, mariadb.address(), TIMEOUT)).isEqualTo(Verdict.notReady(
					"refused connections: ERROR 1130: Host '127.0.0.1' is not allowed to connect to this MariaDB server"));
			// The server logs the closed connection once it noticed, after its answer.
			Scratch.await(Duration.ofSeconds(30), "warned of the closed connection",
					() -> mariadb.log().contains("(This connection closed normally without authentication)"), mariadb::log);
		}
	}

}
