package io.portend;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import io.portend.servers.PostgresqlServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static io.portend.Conversations.converse;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link PostgresqlConversation} against a real PostgreSQL: a primary, a standby that accepts no
 * connections until promoted, and a primary whose {@code pg_hba.conf} rejects everyone.
 */
@Timeout(120)
class PostgresqlReadinessTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(5);

	private static final Verdict NOT_ACCEPTING = Verdict.notReady("57P03 the database system is not accepting connections");

	@Test
	void primaryIsReadyAndLogsNothing() {
		try (PostgresqlServer postgresql = PostgresqlServer.startPrimary()) {
			String logBefore = postgresql.log();
			assertThat(converse(PostgresqlConversation.INSTANCE, postgresql.address(), TIMEOUT))
				.isEqualTo(Verdict.ready("accepts connections (asks to authenticate)"));
			assertThat(postgresql.log()).isEqualTo(logBefore);
		}
	}

	@Test
	void standbyIsNotReadyUntilPromoted() {
		try (PostgresqlServer postgresql = PostgresqlServer.startStandby()) {
			assertThat(converse(PostgresqlConversation.INSTANCE, postgresql.address(), TIMEOUT)).isEqualTo(NOT_ACCEPTING);
			assertThat(converse(PostgresqlConversation.INSTANCE, postgresql.address(), TIMEOUT)).isEqualTo(NOT_ACCEPTING);
			// One FATAL line, and its DETAIL, per conversation.
			assertThat(postgresql.log().split("FATAL:  the database system is not accepting connections\n"
					+ ".*DETAIL:  Hot standby mode is disabled.\n", -1)).hasSize(3);
			postgresql.promote();
			assertThat(converse(PostgresqlConversation.INSTANCE, postgresql.address(), TIMEOUT))
				.isEqualTo(Verdict.ready("accepts connections (asks to authenticate)"));
		}
	}

	@Test
	void checkerTellsAStandbyOpenButNotReadyAndWaitsForItsPromotion() throws Exception {
		try (PostgresqlServer postgresql = PostgresqlServer.startStandby()) {
			HostPort target = HostPort.fromAddress(postgresql.address()).withProtocol(Protocol.POSTGRESQL);
			PortStatus status = new Checker().check(target);
			assertThat(status.open()).as(status.toString()).isTrue();
			assertThat(status.occupied()).as(status.toString()).isFalse();
			assertThat(status.reason()).contains("open but not ready: 57P03 the database system is not accepting connections");
			AtomicBoolean promoted = new AtomicBoolean();
			new Checker().awaitOccupied(List.of(target), Duration.ofSeconds(60), (round) -> {
				if (!round.occupied() && promoted.compareAndSet(false, true)) {
					postgresql.promote();
				}
			});
			assertThat(promoted).isTrue();
		}
	}

	@Test
	void rejectedByHostBasedAuthenticationIsUp() {
		try (PostgresqlServer postgresql = PostgresqlServer.startRejectingEveryone()) {
			Verdict verdict = converse(PostgresqlConversation.INSTANCE, postgresql.address(), TIMEOUT);
			assertThat(verdict.state()).isEqualTo(Verdict.State.READY);
			assertThat(verdict.detail()).startsWith("accepts connections (refused this one: 28000 pg_hba.conf rejects "
					+ "connection for host \"127.0.0.1\", user \"portend\", database \"portend\"");
		}
	}

}
