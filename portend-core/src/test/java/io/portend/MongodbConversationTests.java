package io.portend;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

import io.portend.servers.MongodbWire;
import org.junit.jupiter.api.Test;

import static io.portend.Replay.byteByByte;
import static io.portend.Replay.judge;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link MongodbConversation} on hand-built replies (no MongoDB server is installable here).
 */
class MongodbConversationTests {

	private final Conversation conversation = MongodbConversation.INSTANCE;

	@Test
	void requestIsHelloInAnOpMsg() {
		ByteBuffer request = this.conversation.request(new HostPort("mongo", 27017), "/");
		byte[] bytes = new byte[request.remaining()];
		request.get(bytes);
		byte[] expected = MongodbWire.opMsg(1, 0, MongodbWire.document("hello", 1, "$db", "admin"));
		assertThat(bytes).isEqualTo(expected);
	}

	@Test
	void okOneIsReady() {
		byte[] reply = reply(MongodbWire.document("isWritablePrimary", true, "topologyVersion", "x",
				"maxBsonObjectSize", 16777216, "ok", 1.0));
		assertThat(byteByByte(this.conversation, reply)).isEqualTo(Verdict.ready("answers hello"));
	}

	@Test
	void okZeroIsNotReadyWithTheError() {
		byte[] reply = reply(MongodbWire.document("ok", 0.0, "errmsg", "The server is in quiesce mode and will shut down",
				"code", 91, "codeName", "ShutdownInProgress"));
		assertThat(byteByByte(this.conversation, reply)).isEqualTo(Verdict.notReady(
				"answered hello with ok: 0: ShutdownInProgress The server is in quiesce mode and will shut down"));
	}

	@Test
	void aReplyWithoutOkIsNotMongodb() {
		byte[] reply = reply(MongodbWire.document("hello", "world"));
		assertThat(judge(this.conversation, reply, false).detail()).startsWith("answered something that is not MongoDB");
	}

	@Test
	void aReplyToAnotherRequestIsNotMongodb() {
		byte[] reply = MongodbWire.opMsg(9, 2, MongodbWire.document("ok", 1.0));
		assertThat(judge(this.conversation, reply, false).detail()).startsWith("answered something that is not MongoDB");
	}

	@Test
	void aDocumentLongerThanItsMessageIsNotMongodb() {
		byte[] reply = reply(MongodbWire.document("ok", 1.0));
		ByteBuffer.wrap(reply).order(ByteOrder.LITTLE_ENDIAN).putInt(21, 500);
		assertThat(judge(this.conversation, reply, false).detail()).startsWith("answered something that is not MongoDB");
	}

	@Test
	void aDocumentWithAnUnknownTypeIsNotMongodb() {
		byte[] reply = reply(MongodbWire.document("a", 1, "ok", 1.0));
		reply[21 + 4] = 0x42;
		assertThat(judge(this.conversation, reply, false).detail()).startsWith("answered something that is not MongoDB");
	}

	@Test
	void everyTruncationOfTheDocumentIsNotMongodbOrIncomplete() {
		byte[] document = MongodbWire.document("isWritablePrimary", true, "me", "host:27017", "ok", 1.0);
		for (int cut = 5; cut < document.length; cut++) {
			byte[] truncated = Arrays.copyOf(document, cut);
			ByteBuffer.wrap(truncated).order(ByteOrder.LITTLE_ENDIAN).putInt(0, cut);
			assertThat(judge(this.conversation, reply(truncated), false).state()).as("cut at %d", cut)
				.isEqualTo(Verdict.State.NOT_READY);
		}
	}

	private static byte[] reply(byte[] document) {
		return MongodbWire.opMsg(42, 1, document);
	}

}
