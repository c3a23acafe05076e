package io.portend;

import java.time.Duration;

import io.portend.servers.MariadbServer;
import io.portend.servers.Scratch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
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

	/** Shared: the tests only converse with it. */
	private static MariadbServer refusing;

	@BeforeAll
	static void startRefusingServer() {
		refusing = MariadbServer.startRefusingLoopback();
	}

	@AfterAll
	static void stopRefusingServer() {
		if (refusing != null) {
			refusing.close();
		}
	}

	@Test
	void greetingIsReady() {
		try (MariadbServer mariadb = MariadbServer.startGreetingEveryone()) {
			Verdict verdict = converse(MysqlConversation.INSTANCE, mariadb.address(), TIMEOUT);
			assertThat(verdict.state()).isEqualTo(Verdict.State.READY);
			assertThat(verdict.detail()).startsWith("greets as ").contains("MariaDB");
		}
	}

	@Test
	void checkerTellsARefusingServerOpenButNotReady() throws Exception {
		PortStatus status = new Checker().check(HostPort.fromAddress(refusing.address()).withProtocol(Protocol.MYSQL));
		assertThat(status.open()).as(status.toString()).isTrue();
		assertThat(status.occupied()).as(status.toString()).isFalse();
		assertThat(status.reason()).contains("open but not ready: refused connections: ERROR 1130");
	}

	@Test
	void hostNotAllowedIsNotReadyAndLogsAWarning() {
		assertThat(converse(MysqlConversation.INSTANCE, refusing.address(), TIMEOUT)).isEqualTo(Verdict.notReady(
				"refused connections: ERROR 1130: Host '127.0.0.1' is not allowed to connect to this MariaDB server"));
		// The server logs the closed connection once it noticed, after its answer.
		Scratch.await(Duration.ofSeconds(30), "warned of the closed connection",
				() -> refusing.log().contains("(This connection closed normally without authentication)"), refusing::log);
	}

}
