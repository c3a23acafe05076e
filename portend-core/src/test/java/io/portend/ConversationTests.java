package io.portend;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.stream.Stream;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static io.portend.Replay.bytes;
import static io.portend.Replay.judge;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every protocol's {@link Conversation} makes of replies no server of that protocol sends:
 * none at all, garbage, a half reply cut off, an endless one, random bytes.
 */
class ConversationTests {

	static Stream<Conversation> conversations() {
		return Stream.of(PostgresqlConversation.INSTANCE, MysqlConversation.INSTANCE, RedisConversation.INSTANCE,
				AmqpConversation.INSTANCE, MongodbConversation.INSTANCE, HttpConversation.INSTANCE);
	}

	@ParameterizedTest
	@MethodSource("conversations")
	void acceptThenCloseIsNotReady(Conversation conversation) {
		assertThat(judge(conversation, new byte[0], true)).isEqualTo(Verdict.notReady("closed without answering"));
	}

	@ParameterizedTest
	@MethodSource("conversations")
	void nothingYetIsIncomplete(Conversation conversation) {
		assertThat(judge(conversation, new byte[0], false)).isEqualTo(Verdict.INCOMPLETE);
	}

	@ParameterizedTest
	@MethodSource("conversations")
	void anSshServerIsNotReadyAndQuoted(Conversation conversation) {
		Verdict verdict = judge(conversation, bytes("SSH-2.0-OpenSSH_9.2p1 Debian-2\r\n"), false);
		assertThat(verdict.state()).isEqualTo(Verdict.State.NOT_READY);
		assertThat(verdict.detail()).startsWith("answered something that is not ").endsWith(": 'SSH-2.0-Op…'");
	}

	@ParameterizedTest
	@MethodSource("conversations")
	void bytesThatNoProtocolStartsWithAreShownEscaped(Conversation conversation) {
		Verdict verdict = judge(conversation, bytes("\u00c3\u0007<\n0123456789ab"), false);
		assertThat(verdict.state()).isEqualTo(Verdict.State.NOT_READY);
		assertThat(verdict.detail()).endsWith(": '\\xc3\\x07<\\x0a012345…'");
	}

	/** AMQP is left out: it judges a reply by its first 11 bytes. */
	@ParameterizedTest
	@MethodSource("conversationsReadingToAnEnd")
	void aReplyThatFillsTheBoundUndecidedIsNotReady(Conversation conversation) {
		byte[] endless = new byte[conversation.maxReplyBytes()];
		Arrays.fill(endless, (byte) 'x');
		byte[] start = endlessStart(conversation);
		System.arraycopy(start, 0, endless, 0, start.length);
		Verdict verdict = judge(conversation, endless, false);
		assertThat(verdict.state()).isEqualTo(Verdict.State.NOT_READY);
		assertThat(verdict.detail()).startsWith("answer too long: more than " + conversation.maxReplyBytes() + " bytes");
	}

	@ParameterizedTest
	@MethodSource("conversations")
	void aHalfReplyCutOffIsNotReady(Conversation conversation) {
		byte[] half = halfReply(conversation);
		assertThat(judge(conversation, half, false)).isEqualTo(Verdict.INCOMPLETE);
		Verdict verdict = judge(conversation, half, true);
		assertThat(verdict.state()).isEqualTo(Verdict.State.NOT_READY);
		assertThat(verdict.detail()).startsWith("closed in the middle of its answer: '");
	}

	@Property(tries = 300)
	void randomRepliesAreJudgedWithoutFailing(@ForAll @Size(max = 64) byte[] reply, @ForAll boolean endOfStream) {
		conversations().forEach((conversation) -> {
			Verdict verdict = judge(conversation, reply, endOfStream);
			if (endOfStream) {
				assertThat(verdict.state()).isNotEqualTo(Verdict.State.INCOMPLETE);
			}
		});
	}

	@Property(tries = 300)
	void randomRepliesAfterAPlausibleStartAreJudgedWithoutFailing(@ForAll @Size(max = 64) byte[] tail,
			@ForAll boolean endOfStream) {
		conversations().forEach((conversation) -> {
			byte[] start = halfReply(conversation);
			byte[] reply = Arrays.copyOf(start, start.length + tail.length);
			System.arraycopy(tail, 0, reply, start.length, tail.length);
			judge(conversation, reply, endOfStream);
		});
	}

	static Stream<Conversation> conversationsReadingToAnEnd() {
		return conversations().filter((conversation) -> !(conversation instanceof AmqpConversation));
	}

	/**
	 * The start of a reply in the conversation's protocol that never comes to an end, or announces
	 * more than the conversation reads.
	 */
	static byte[] endlessStart(Conversation conversation) {
		if (conversation instanceof PostgresqlConversation) {
			return ByteBuffer.allocate(5).put((byte) 'E').putInt(conversation.maxReplyBytes()).array();
		}
		if (conversation instanceof MysqlConversation) {
			return bytes("\u00fe\u0003\0\0\n5.5.5-10.11");
		}
		if (conversation instanceof RedisConversation) {
			return bytes("-ERR ");
		}
		if (conversation instanceof MongodbConversation) {
			return bytes("\u00ff\u00ff\0\0\0\0\0\0\u0001\0\0\0\u00dd\u0007\0\0");
		}
		return bytes("HTTP/1.1 200");
	}

	/**
	 * The first bytes of a reply in the conversation's protocol, too few to judge it.
	 */
	static byte[] halfReply(Conversation conversation) {
		if (conversation instanceof PostgresqlConversation) {
			return bytes("E\0\0\0\u0095SFATAL\0VFATAL\0C57P");
		}
		if (conversation instanceof MysqlConversation) {
			return bytes("d\0\0\0\n5.5.5-10.11.19-");
		}
		if (conversation instanceof RedisConversation) {
			return bytes("-LOADING Redis is lo");
		}
		if (conversation instanceof AmqpConversation) {
			return bytes("\u0001\0\0\0\0\u0001\u00f5\0\n");
		}
		if (conversation instanceof MongodbConversation) {
			return bytes("\u0020\u0001\0\0\u0007\0\0\0\u0001\0\0\0\u00dd\u0007\0\0\0\0\0\0");
		}
		return bytes("HTTP/1.1 200 O");
	}

}
