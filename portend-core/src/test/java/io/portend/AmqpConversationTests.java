package io.portend;

import org.junit.jupiter.api.Test;

import static io.portend.Replay.byteByByte;
import static io.portend.Replay.bytes;
import static io.portend.Replay.judge;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link AmqpConversation} on replies captured from RabbitMQ 3.10 and on hand-built ones.
 */
class AmqpConversationTests {

	private final Conversation conversation = AmqpConversation.INSTANCE;

	/** The start of RabbitMQ's Connection.Start frame: type 1, channel 0, size 501, class 10, method 10. */
	private static final byte[] CONNECTION_START = bytes(
			"\u0001\0\0\0\0\u0001\u00f5\0\n\0\n\0\u0009\0\0\u0001\u00d0\u000ccapabilitiesF");

	@Test
	void requestIsTheProtocolHeader() {
		assertThat(this.conversation.request(new HostPort("broker", 5672), "/").array())
			.isEqualTo(bytes("AMQP\0\0\u0009\u0001"));
	}

	@Test
	void connectionStartIsReady() {
		assertThat(byteByByte(this.conversation, CONNECTION_START)).isEqualTo(Verdict.ready("sends Connection.Start"));
	}

	@Test
	void anotherProtocolHeaderIsNotReady() {
		assertThat(byteByByte(this.conversation, bytes("AMQP\u0003\u0001\0\0")))
			.isEqualTo(Verdict.notReady("does not speak AMQP 0-9-1, offers 'AMQP\\x03\\x01\\x00\\x00'"));
	}

	@Test
	void anotherMethodIsNotReady() {
		byte[] close = bytes("\u0001\0\0\0\0\0 \0\n\0002");
		assertThat(judge(this.conversation, close, false))
			.isEqualTo(Verdict.notReady("answered method 10.50 instead of Connection.Start"));
	}

	@Test
	void aFrameOnAnotherChannelIsNotAmqp() {
		assertThat(judge(this.conversation, bytes("\u0001\0\u0001\0\0\u0001\u00f5\0\n\0\n"), false).detail())
			.startsWith("answered something that is not AMQP");
	}

	@Test
	void anHttpServerIsNotAmqp() {
		assertThat(judge(this.conversation, bytes("HTTP/1.1 400"), false).detail())
			.isEqualTo("answered something that is not AMQP: 'HTTP/1.1 4…'");
	}

	@Test
	void textStartingLikeTheHeaderIsNotAmqp() {
		assertThat(judge(this.conversation, bytes("AMQ!"), false).detail())
			.startsWith("answered something that is not AMQP");
	}

}
