package io.portend;

import java.time.Duration;
import java.util.stream.Stream;

import io.portend.servers.ScriptedPeer;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static io.portend.Conversations.converse;
import static io.portend.Replay.bytes;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every protocol's {@link Conversation} over real connections to peers that misbehave: closing at
 * once, answering another protocol, stalling after half an answer, talking without end.
 */
@Timeout(60)
class ConversationPeersTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(5);

	static Stream<Conversation> conversations() {
		return ConversationTests.conversations();
	}

	static Stream<Conversation> conversationsReadingToAnEnd() {
		return ConversationTests.conversationsReadingToAnEnd();
	}

	@ParameterizedTest
	@MethodSource("conversations")
	void acceptThenCloseIsNotReady(Conversation conversation) throws Exception {
		try (ScriptedPeer peer = ScriptedPeer.closingAtOnce()) {
			assertThat(converse(conversation, peer.address(), TIMEOUT)).isEqualTo(Verdict.notReady("closed without answering"));
		}
	}

	@ParameterizedTest
	@MethodSource("conversations")
	void anotherProtocolIsNotReady(Conversation conversation) throws Exception {
		try (ScriptedPeer peer = ScriptedPeer.answeringThenHolding(bytes("SSH-2.0-OpenSSH_9.2p1 Debian-2\r\n"))) {
			Verdict verdict = converse(conversation, peer.address(), TIMEOUT);
			assertThat(verdict.state()).isEqualTo(Verdict.State.NOT_READY);
			assertThat(verdict.detail()).startsWith("answered something that is not ").endsWith(": 'SSH-2.0-Op…'");
		}
	}

	@ParameterizedTest
	@MethodSource("conversations")
	void halfAnAnswerThenSilenceLastsUntilTheDeadline(Conversation conversation) throws Exception {
		Duration timeout = Duration.ofMillis(300);
		try (ScriptedPeer peer = ScriptedPeer.answeringThenHolding(ConversationTests.halfReply(conversation))) {
			long start = System.nanoTime();
			Verdict verdict = converse(conversation, peer.address(), timeout);
			Duration took = Duration.ofNanos(System.nanoTime() - start);
			assertThat(verdict).isEqualTo(Verdict.notReady("no answer within 300 ms"));
			assertThat(took).isBetween(timeout, timeout.plusSeconds(3));
		}
	}

	/** AMQP is left out: it judges a reply by its first 11 bytes. */
	@ParameterizedTest
	@MethodSource("conversationsReadingToAnEnd")
	void anEndlessAnswerIsNotReadyOnceTheBoundIsRead(Conversation conversation) throws Exception {
		try (ScriptedPeer peer = ScriptedPeer.answeringWithoutEnd(ConversationTests.endlessStart(conversation), (byte) 'x')) {
			Verdict verdict = converse(conversation, peer.address(), TIMEOUT);
			assertThat(verdict.state()).isEqualTo(Verdict.State.NOT_READY);
			assertThat(verdict.detail()).startsWith("answer too long: more than " + conversation.maxReplyBytes() + " bytes");
		}
	}

}
