package io.portend;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static io.portend.Replay.byteByByte;
import static io.portend.Replay.bytes;
import static io.portend.Replay.judge;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link PostgresqlConversation} on replies captured from PostgreSQL 15 and on hand-built ones.
 */
class PostgresqlConversationTests {

	private final Conversation conversation = PostgresqlConversation.INSTANCE;

	/** PostgreSQL 15 with scram-sha-256, to a role that does not exist. */
	private static final byte[] SCRAM_REQUESTED = bytes("R\0\0\0\u0017\0\0\0\nSCRAM-SHA-256\0\0");

	/** PostgreSQL 15 as a standby with hot_standby off. */
	private static final byte[] NOT_ACCEPTING_CONNECTIONS = bytes("E\0\0\0\u0095SFATAL\0VFATAL\0C57P03\0"
			+ "Mthe database system is not accepting connections\0DHot standby mode is disabled.\0"
			+ "Fpostmaster.c\0L2426\0RProcessStartupPacket\0\0");

	@Test
	void requestIsAStartupMessageForUserPortendWithoutDatabase() {
		ByteBuffer request = this.conversation.request(new HostPort("db", 5432), "/");
		byte[] bytes = new byte[request.remaining()];
		request.get(bytes);
		assertThat(bytes).isEqualTo(bytes("\0\0\0\u0016\0\u0003\0\0user\0portend\0\0"));
	}

	@Test
	void authenticationRequestIsReady() {
		assertThat(byteByByte(this.conversation, SCRAM_REQUESTED))
			.isEqualTo(Verdict.ready("accepts connections (asks to authenticate)"));
	}

	@Test
	void authenticationOkIsReady() {
		assertThat(judge(this.conversation, bytes("R\0\0\0\u0008\0\0\0\0"), false).state())
			.isEqualTo(Verdict.State.READY);
	}

	@Test
	void cannotConnectNowIsNotReady() {
		assertThat(byteByByte(this.conversation, NOT_ACCEPTING_CONNECTIONS))
			.isEqualTo(Verdict.notReady("57P03 the database system is not accepting connections"));
	}

	@Test
	void anyOtherErrorMeansTheServerIsUp() {
		byte[] tooManyClients = error("53300", "sorry, too many clients already");
		assertThat(judge(this.conversation, tooManyClients, false))
			.isEqualTo(Verdict.ready("accepts connections (refused this one: 53300 sorry, too many clients already)"));
	}

	@Test
	void errorWithoutSqlstateIsNotPostgresql() {
		byte[] noCode = bytes("E\0\0\0\u000fSFATAL\0Mhi\0\0");
		assertThat(judge(this.conversation, noCode, false).detail()).startsWith("answered something that is not PostgreSQL");
	}

	@Test
	void anHttpServerIsNotPostgresql() {
		assertThat(judge(this.conversation, bytes("HTTP/1.1 400 Bad Request\r\n"), false))
			.isEqualTo(Verdict.notReady("answered something that is not PostgreSQL: 'HTTP/1.1 4…'"));
	}

	@Test
	void anAuthenticationRequestTooShortIsNotPostgresql() {
		assertThat(judge(this.conversation, bytes("R\0\0\0\u0004"), false).detail())
			.startsWith("answered something that is not PostgreSQL");
	}

	@Test
	void aMessageAnnouncedLongerThanTheBoundIsNotReadyAtOnce() {
		assertThat(judge(this.conversation, bytes("E\0\u0001\0\0"), false).detail())
			.startsWith("answer too long: more than 4096 bytes");
	}

	@Test
	void aServerMessageIsPrintable() {
		byte[] error = error("57P03", "not yet\r\n\u001b[31m" + "x".repeat(300));
		String detail = judge(this.conversation, error, false).detail();
		assertThat(detail).startsWith("57P03 not yet   [31mxxx").endsWith("x…").hasSizeLessThan(200);
	}

	private static byte[] error(String sqlstate, String message) {
		byte[] fields = ("SFATAL\0C" + sqlstate + "\0M" + message + "\0\0").getBytes(StandardCharsets.UTF_8);
		return ByteBuffer.allocate(5 + fields.length).put((byte) 'E').putInt(4 + fields.length).put(fields).array();
	}

}
