package io.portend;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link KafkaConversation}'s bytes, built by hand from the protocol guide's Metadata v4
 * layout. {@link KafkaConversationBrokerTests} holds the conversation with a real broker.
 */
class KafkaConversationTests {

	private static final KafkaConversation conversation = KafkaConversation.INSTANCE;

	@Test
	void requestIsMetadataVersion4ForNoTopicWithoutCreatingAny() {
		ByteBuffer request = conversation.request(new HostPort("localhost", 9092), "/");
		byte[] bytes = new byte[request.remaining()];
		request.get(bytes);
		assertThat(bytes).containsExactly(
				0, 0, 0, 22, // size of what follows
				0, 3, // api_key: Metadata
				0, 4, // api_version
				'p', 'o', 'r', 't', // correlation_id
				0, 7, 'p', 'o', 'r', 't', 'e', 'n', 'd', // client_id
				0, 0, 0, 0, // topics: none
				0); // allow_auto_topic_creation: false
	}

	@Test
	void responseListingABrokerIsReady() {
		Verdict verdict = judge(response().brokers(1).clusterId("q1w2e3").noTopics(), false);
		assertThat(verdict).isEqualTo(Verdict.ready("1 broker in cluster q1w2e3"));
	}

	@Test
	void responseListingBrokersAndTopicsWithoutErrorIsReady() {
		Verdict verdict = judge(response().brokers(3).clusterId(null).topic((short) 0, "orders"), false);
		assertThat(verdict).isEqualTo(Verdict.ready("3 brokers"));
	}

	@Test
	void responseInALittleEndianBufferIsReadAsKafkaWritesIt() {
		ByteBuffer reply = ByteBuffer.wrap(response().brokers(1).clusterId("q1w2e3").noTopics())
			.order(ByteOrder.LITTLE_ENDIAN);
		assertThat(conversation.judge(reply, false)).isEqualTo(Verdict.ready("1 broker in cluster q1w2e3"));
	}

	@Test
	void responseFedByteByByteIsIncompleteUntilItsLastByte() {
		byte[] response = response().brokers(1).clusterId("q1w2e3").noTopics();
		for (int length = 0; length < response.length; length++) {
			assertThat(judge(Arrays.copyOf(response, length), false)).as("after %d bytes", length)
				.isEqualTo(Verdict.INCOMPLETE);
		}
		assertThat(judge(response, false).state()).isEqualTo(Verdict.State.READY);
	}

	@Test
	void closeAtOnceIsNotReady() {
		assertThat(judge(new byte[0], true)).isEqualTo(Verdict.notReady("closed without answering"));
	}

	@Test
	void closeMidResponseIsNotReady() {
		byte[] response = response().brokers(1).clusterId("q1w2e3").noTopics();
		for (int length = 1; length < response.length; length++) {
			assertThat(judge(Arrays.copyOf(response, length), true).detail()).as("after %d bytes", length)
				.startsWith("closed in the middle of its answer: '\\x00");
		}
	}

	@Test
	void responseToAnotherCorrelationIdIsNotReady() {
		Verdict verdict = judge(response().correlationId(7).brokers(1).clusterId("q1w2e3").noTopics(), false);
		assertThat(verdict).isEqualTo(Verdict.notReady(
				"answered another request (correlation id 7, not " + KafkaConversation.CORRELATION_ID + ")"));
	}

	@Test
	void responseListingNoBrokerIsNotReady() {
		Verdict verdict = judge(response().brokers(0).clusterId("q1w2e3").noTopics(), false);
		assertThat(verdict).isEqualTo(Verdict.notReady("no broker in the cluster's metadata yet"));
	}

	@Test
	void responseWithATopicErrorCodeIsNotReady() {
		Verdict verdict = judge(response().brokers(1).clusterId("q1w2e3").topic((short) 5, "orders"), false);
		assertThat(verdict).isEqualTo(Verdict.notReady("error code 5 for topic orders"));
	}

	@Test
	void textIsNotAKafkaResponse() {
		byte[] http = "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
		assertThat(judge(Arrays.copyOf(http, 4), false))
			.isEqualTo(Verdict.notReady("answered something that is not Kafka: 'HTTP'"));
		assertThat(judge(http, false))
			.isEqualTo(Verdict.notReady("answered something that is not Kafka: 'HTTP/1.1 4…'"));
	}

	@Test
	void bytesTooShortForAResponseAreNotAKafkaResponse() {
		assertThat(judge(new byte[] { 0, 0, 0, 2, (byte) 0xFF, 'A' }, false))
			.isEqualTo(Verdict.notReady("answered something that is not Kafka: '\\x00\\x00\\x00\\x02\\xffA'"));
	}

	@Test
	void responseThatBreaksTheLayoutIsNotAKafkaResponse() {
		byte[] response = response().brokers(1).clusterId("q1w2e3").noTopics();
		response[15] = 9; // the broker count's low byte: nine brokers cannot fit
		assertThat(judge(response, false).detail()).startsWith("answered something that is not Kafka: '\\x00");
	}

	@Test
	void responseWithBytesBeyondItsLayoutIsNotAKafkaResponse() {
		byte[] response = withTrailingByte(response().brokers(1).clusterId("q1w2e3").noTopics());
		assertThat(judge(response, false).detail()).startsWith("answered something that is not Kafka: '\\x00");
	}

	@Test
	void responseLongerThanTheMaximumIsNotReadyOnceItsSizeArrived() {
		int size = conversation.maxReplyBytes() - 4 + 1;
		byte[] sizeOnly = ByteBuffer.allocate(4).putInt(size).array();
		assertThat(judge(sizeOnly, false).detail())
			.startsWith("answer too long: more than " + conversation.maxReplyBytes() + " bytes");
	}

	@Test
	void responseOfTheMaximumLengthIsReadOn() {
		int size = conversation.maxReplyBytes() - 4;
		byte[] sizeOnly = ByteBuffer.allocate(4).putInt(size).array();
		assertThat(judge(sizeOnly, false)).isEqualTo(Verdict.INCOMPLETE);
	}

	private static Verdict judge(byte[] reply, boolean endOfStream) {
		return conversation.judge(ByteBuffer.wrap(reply), endOfStream);
	}

	private static byte[] withTrailingByte(byte[] response) {
		ByteBuffer longer = ByteBuffer.allocate(response.length + 1).put(response).put((byte) 0);
		return longer.putInt(0, response.length + 1 - 4).array();
	}

	private static MetadataResponse response() {
		return new MetadataResponse();
	}

	/** Writes a Metadata v4 response, size first, as the protocol guide lays it out. */
	private static final class MetadataResponse {

		private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

		private final DataOutputStream out = new DataOutputStream(this.bytes);

		private int correlationId = KafkaConversation.CORRELATION_ID;

		MetadataResponse correlationId(int correlationId) {
			this.correlationId = correlationId;
			return this;
		}

		MetadataResponse brokers(int count) {
			write(() -> {
				this.out.writeInt(this.correlationId);
				this.out.writeInt(0); // throttle_time_ms
				this.out.writeInt(count);
				for (int nodeId = 1; nodeId <= count; nodeId++) {
					this.out.writeInt(nodeId);
					string("broker-" + nodeId + ".example");
					this.out.writeInt(9092);
					this.out.writeShort(-1); // rack: null
				}
			});
			return this;
		}

		MetadataResponse clusterId(String clusterId) {
			write(() -> {
				if (clusterId == null) {
					this.out.writeShort(-1);
				}
				else {
					string(clusterId);
				}
				this.out.writeInt(1); // controller_id
			});
			return this;
		}

		byte[] noTopics() {
			write(() -> this.out.writeInt(0));
			return sized();
		}

		byte[] topic(short errorCode, String name) {
			write(() -> {
				this.out.writeInt(1);
				this.out.writeShort(errorCode);
				string(name);
				this.out.writeBoolean(false); // is_internal
				this.out.writeInt(1); // partitions
				this.out.writeShort(errorCode);
				this.out.writeInt(0); // partition_index
				this.out.writeInt(1); // leader_id
				this.out.writeInt(2); // replica_nodes
				this.out.writeInt(1);
				this.out.writeInt(2);
				this.out.writeInt(1); // isr_nodes
				this.out.writeInt(1);
			});
			return sized();
		}

		private void string(String value) throws IOException {
			byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
			this.out.writeShort(utf8.length);
			this.out.write(utf8);
		}

		private byte[] sized() {
			byte[] body = this.bytes.toByteArray();
			return ByteBuffer.allocate(4 + body.length).putInt(body.length).put(body).array();
		}

		private void write(Writes writes) {
			try {
				writes.write();
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

		private interface Writes {

			void write() throws IOException;

		}

	}

}
