package io.portend;

import org.junit.jupiter.api.Test;

import static io.portend.Replay.byteByByte;
import static io.portend.Replay.bytes;
import static io.portend.Replay.judge;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link MysqlConversation} on replies captured from MariaDB 10.11 and on hand-built ones.
 */
class MysqlConversationTests {

	private final Conversation conversation = MysqlConversation.INSTANCE;

	private static final byte[] GREETING = bytes("d\0\0\0\n5.5.5-10.11.19-MariaDB-0+deb12u1\0\u0003\0\0\0xN^o1EI}\0"
			+ "\u00fe\u00f7\u0008\u0002\0\u00ff\u0081\u0015\0\0\0\0\0\0\u001d\0\0\0]7;bZ}&C`88N\0mysql_native_password\0");

	/** No account for the client's host: the server refuses before greeting. */
	private static final byte[] HOST_NOT_ALLOWED = bytes(
			"D\0\0\0\u00ffj\u0004Host '127.0.0.1' is not allowed to connect to this MariaDB server");

	@Test
	void sendsNothing() {
		assertThat(this.conversation.request(new HostPort("db", 3306), "/").remaining()).isZero();
	}

	@Test
	void greetingIsReady() {
		assertThat(GREETING).hasSize(4 + 0x64);
		assertThat(byteByByte(this.conversation, GREETING))
			.isEqualTo(Verdict.ready("greets as 10.11.19-MariaDB-0+deb12u1"));
	}

	@Test
	void aMysqlVersionIsShownAsIs() {
		assertThat(judge(this.conversation, bytes("\u0007\0\0\0\n8.4.3\0"), false))
			.isEqualTo(Verdict.ready("greets as 8.4.3"));
	}

	@Test
	void errorInsteadOfGreetingIsNotReady() {
		assertThat(byteByByte(this.conversation, HOST_NOT_ALLOWED)).isEqualTo(Verdict.notReady(
				"refused connections: ERROR 1130: Host '127.0.0.1' is not allowed to connect to this MariaDB server"));
	}

	@Test
	void errorWithSqlstateIsReportedWithIt() {
		byte[] tooMany = bytes("\u001d\0\0\0\u00ff\u0010\u0004#08004Too many connections");
		assertThat(judge(this.conversation, tooMany, false))
			.isEqualTo(Verdict.notReady("refused connections: ERROR 1040 (08004): Too many connections"));
	}

	@Test
	void aFirstPacketOfAnotherKindIsNotMysql() {
		assertThat(judge(this.conversation, bytes("\u0005\0\0\0\u0009abcd"), false).detail())
			.startsWith("answered something that is not MySQL");
	}

	@Test
	void aSequenceIdOtherThanZeroIsNotMysql() {
		assertThat(judge(this.conversation, bytes("\u0005\0\0\u0001"), false).detail())
			.startsWith("answered something that is not MySQL");
	}

	@Test
	void aGreetingWithoutVersionTerminatorIsNotMysql() {
		assertThat(judge(this.conversation, bytes("\u0004\0\0\0\n5.5"), false).detail())
			.startsWith("answered something that is not MySQL");
	}

}
