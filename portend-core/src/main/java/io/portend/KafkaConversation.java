package io.portend;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import org.jspecify.annotations.Nullable;

/**
 * Asks a Kafka broker for its cluster's metadata: ready when the broker answers with a Metadata
 * response that lists at least one broker. A broker accepts connections seconds before it serves
 * requests (it catches up with the cluster's metadata first); until then it does not answer.
 *
 * <p>The request is Metadata (API key 3) version 4 with an empty topic list and
 * {@code allow_auto_topic_creation} false: it asks for no topic, so nothing is created and the
 * reply lists the brokers only. Version 4 is the first with that flag, and the Kafka 2.1 baseline
 * that KIP-896 keeps in Kafka 4.x contains it (versions 0 to 3, slated for removal in 4.0, were
 * kept after all: KAFKA-18648). A Kafka 4.2.1 broker advertises versions 0 to 13 and answers
 * version 4. The request header is version 1 (with a client id, {@code portend}; 4.0 removed
 * version 0), the response header version 0 (the correlation id alone): neither is "flexible", so
 * there are no tagged fields. The correlation id is a constant: each connection carries one
 * request.
 *
 * <p>Not ready: no answer (the caller's deadline), an answer to another correlation id, a
 * Metadata response that lists no broker yet or carries a topic error code, a close before a
 * complete answer, bytes that are not a Kafka response, or a response longer than
 * {@link #maxReplyBytes()}.
 *
 * <p>Sources: the Apache Kafka protocol guide, <a href="https://kafka.apache.org/protocol">kafka.apache.org/protocol</a>
 * ("Metadata API (Key: 3)", the request and response headers, the primitive types), with the
 * message schemas it is generated from ({@code MetadataRequest.json}, {@code MetadataResponse.json},
 * {@code RequestHeader.json}, {@code ResponseHeader.json}), and
 * <a href="https://cwiki.apache.org/confluence/display/KAFKA/KIP-896%3A+Remove+old+client+protocol+API+versions+in+Kafka+4.0">KIP-896</a>.
 *
 * <p>What a broker logs (measured on Kafka 4.2.1 with the log levels of its distribution's
 * {@code log4j2.yaml}: INFO, the request logger at WARN): nothing per conversation, whether it is
 * answered, closed before the answer, or left unanswered while the broker starts. With
 * {@code kafka.request.logger} at DEBUG, each request the broker reads adds one "Completed
 * request" line (client id {@code portend}) to {@code kafka-request.log}.
 */
final class KafkaConversation implements Conversation {

	static final KafkaConversation INSTANCE = new KafkaConversation();

	private static final short METADATA_API_KEY = 3;

	private static final short METADATA_VERSION = 4;

	/** Any value: the reply must echo it. The bytes spell "port". */
	static final int CORRELATION_ID = 0x706F7274;

	private static final byte[] CLIENT_ID = "portend".getBytes(StandardCharsets.US_ASCII);

	/**
	 * No topic is asked for, so a reply lists brokers only: 64 KiB hold over a thousand, and a
	 * declared size beyond it is rejected before it is read.
	 */
	private static final int MAX_REPLY_BYTES = 64 * 1024;

	/**
	 * The shortest Metadata v4 response after its size: correlation id, throttle time, an empty
	 * broker array, a null cluster id, the controller id and an empty topic array.
	 */
	private static final int MIN_RESPONSE_SIZE = 4 + 4 + 4 + 2 + 4 + 4;

	private KafkaConversation() {
	}

	@Override
	public ByteBuffer request(HostPort target, String path) {
		int size = 2 + 2 + 4 + 2 + CLIENT_ID.length + 4 + 1;
		ByteBuffer request = ByteBuffer.allocate(4 + size);
		request.putInt(size);
		request.putShort(METADATA_API_KEY).putShort(METADATA_VERSION).putInt(CORRELATION_ID);
		request.putShort((short) CLIENT_ID.length).put(CLIENT_ID);
		request.putInt(0); // topics: empty (null would mean every topic)
		request.put((byte) 0); // allow_auto_topic_creation: false
		return request.flip();
	}

	@Override
	public Verdict judge(ByteBuffer reply, boolean endOfStream) {
		// A duplicate reads big-endian, as Kafka writes, whatever order the caller's buffer has.
		return judgeBigEndian(reply.duplicate(), endOfStream);
	}

	@Override
	public int maxReplyBytes() {
		return MAX_REPLY_BYTES;
	}

	private static Verdict judgeBigEndian(ByteBuffer reply, boolean endOfStream) {
		int received = reply.limit();
		if (received < 4) {
			return Replies.unfinished(reply, endOfStream, MAX_REPLY_BYTES);
		}
		int size = reply.getInt(0);
		if (size < MIN_RESPONSE_SIZE || looksLikeText(reply)) {
			return Replies.foreign("Kafka", reply);
		}
		if (size > MAX_REPLY_BYTES - 4) {
			return Replies.tooLong(reply, MAX_REPLY_BYTES);
		}
		if (received < 4 + size) {
			return Replies.unfinished(reply, endOfStream, MAX_REPLY_BYTES);
		}
		try {
			return judgeResponse(reply.duplicate().position(4).limit(4 + size));
		}
		catch (MalformedResponse | BufferUnderflowException ex) {
			return Replies.foreign("Kafka", reply);
		}
	}

	private static Verdict judgeResponse(ByteBuffer response) throws MalformedResponse {
		int correlationId = response.getInt();
		if (correlationId != CORRELATION_ID) {
			return Verdict.notReady("answered another request (correlation id " + correlationId + ", not "
					+ CORRELATION_ID + ")");
		}
		response.getInt(); // throttle_time_ms
		int brokers = count(response);
		for (int i = 0; i < brokers; i++) {
			response.getInt(); // node_id
			skipString(response, false); // host
			response.getInt(); // port
			skipString(response, true); // rack
		}
		String clusterId = nullableString(response);
		response.getInt(); // controller_id
		int topics = count(response);
		String topicError = null;
		for (int i = 0; i < topics; i++) {
			short errorCode = response.getShort();
			String name = nullableString(response);
			response.get(); // is_internal
			skipPartitions(response);
			if (errorCode != 0 && topicError == null) {
				topicError = "error code " + errorCode + " for topic " + name;
			}
		}
		if (response.hasRemaining()) {
			throw new MalformedResponse();
		}
		if (topicError != null) {
			return Verdict.notReady(topicError);
		}
		if (brokers == 0) {
			return Verdict.notReady("no broker in the cluster's metadata yet");
		}
		return Verdict.ready(brokers + (brokers == 1 ? " broker" : " brokers")
				+ ((clusterId != null) ? " in cluster " + clusterId : ""));
	}

	private static void skipPartitions(ByteBuffer response) throws MalformedResponse {
		int partitions = count(response);
		for (int i = 0; i < partitions; i++) {
			response.getShort(); // error_code
			response.getInt(); // partition_index
			response.getInt(); // leader_id
			skip(response, 4L * count(response)); // replica_nodes
			skip(response, 4L * count(response)); // isr_nodes
		}
	}

	/** Reads an array's length: a response never holds a null array where this one reads. */
	private static int count(ByteBuffer response) throws MalformedResponse {
		int count = response.getInt();
		if (count < 0 || count > response.remaining()) {
			throw new MalformedResponse();
		}
		return count;
	}

	private static @Nullable String nullableString(ByteBuffer response) throws MalformedResponse {
		int start = response.position() + 2;
		int length = skipString(response, true);
		if (length < 0) {
			return null;
		}
		byte[] bytes = new byte[length];
		response.get(start, bytes);
		return new String(bytes, StandardCharsets.UTF_8);
	}

	/** Skips an int16-length string and returns its length, -1 for null. */
	private static int skipString(ByteBuffer response, boolean nullable) throws MalformedResponse {
		short length = response.getShort();
		if (length == -1 && nullable) {
			return -1;
		}
		skip(response, length);
		return length;
	}

	private static void skip(ByteBuffer response, long bytes) throws MalformedResponse {
		if (bytes < 0 || bytes > response.remaining()) {
			throw new MalformedResponse();
		}
		response.position(response.position() + (int) bytes);
	}

	/** A size whose four bytes are printable text is the start of some text protocol's answer. */
	private static boolean looksLikeText(ByteBuffer reply) {
		for (int i = 0; i < 4; i++) {
			if (!isPrintable(reply.get(i))) {
				return false;
			}
		}
		return true;
	}

	private static boolean isPrintable(byte b) {
		return b >= 0x20 && b < 0x7F;
	}

	/** The reply breaks the Metadata response's layout. */
	private static final class MalformedResponse extends Exception {

		MalformedResponse() {
			super(null, null, false, false);
		}

	}

}
