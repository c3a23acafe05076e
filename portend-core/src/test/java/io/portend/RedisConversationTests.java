package io.portend;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static io.portend.Replay.byteByByte;
import static io.portend.Replay.bytes;
import static io.portend.Replay.judge;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link RedisConversation} on replies captured from Redis 7.0 and on hand-built ones.
 */
class RedisConversationTests {

	private final Conversation conversation = RedisConversation.INSTANCE;

	@Test
	void requestIsAnInlinePing() {
		assertThat(StandardCharsets.US_ASCII.decode(this.conversation.request(new HostPort("cache", 6379), "/")).toString())
			.isEqualTo("PING\r\n");
	}

	@Test
	void pongIsReady() {
		assertThat(byteByByte(this.conversation, bytes("+PONG\r\n"))).isEqualTo(Verdict.ready("answers PONG"));
	}

	@Test
	void loadingIsNotReady() {
		assertThat(byteByByte(this.conversation, bytes("-LOADING Redis is loading the dataset in memory\r\n")))
			.isEqualTo(Verdict.notReady("LOADING Redis is loading the dataset in memory"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "BUSY Redis is busy running a script. You can only call SCRIPT KILL or SHUTDOWN NOSAVE.",
			"MASTERDOWN Link with MASTER is down and replica-serve-stale-data is set to 'no'." })
	void busyAndMasterDownAreNotReady(String error) {
		assertThat(judge(this.conversation, bytes("-" + error + "\r\n"), false)).isEqualTo(Verdict.notReady(error));
	}

	@ParameterizedTest
	@ValueSource(strings = { "NOAUTH Authentication required.", "ERR max number of clients reached",
			"DENIED Redis is running in protected mode" })
	void otherErrorsComeFromAServerThatIsUp(String error) {
		assertThat(judge(this.conversation, bytes("-" + error + "\r\n"), false))
			.isEqualTo(Verdict.ready("up, refuses this client: " + error));
	}

	@Test
	void anotherSimpleStringIsNotRedis() {
		assertThat(judge(this.conversation, bytes("+OK\r\n"), false).detail())
			.isEqualTo("answered something that is not Redis: '+OK\\x0d\\x0a'");
	}

	@Test
	void aLineEndingInCarriageReturnAloneIsNotRedis() {
		assertThat(judge(this.conversation, bytes("+PONG\rx"), false).detail())
			.startsWith("answered something that is not Redis");
	}

	@Test
	void aBulkStringIsNotAnAnswerToPing() {
		assertThat(judge(this.conversation, bytes("$4\r\nPONG\r\n"), false).detail())
			.startsWith("answered something that is not Redis");
	}

}
