package io.portend;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * MongoDB's readiness: the {@code hello} command ({@code {hello: 1, $db: "admin"}} in an
 * {@code OP_MSG}) answered with {@code ok: 1} means the server serves; a reply with {@code ok: 0}
 * (such as {@code ShutdownInProgress}) is not ready, and its code name and message are reported.
 * {@code hello} needs no authentication and changes nothing; the connection is closed at the
 * reply. MongoDB 4.4.2 and later know {@code hello}.
 *
 * <p>Source: the MongoDB manual, "MongoDB Wire Protocol" (standard message header, {@code OP_MSG}
 * with its flag bits and kind-0 body section) and the {@code hello} command's page; the BSON
 * specification for the documents (see {@link BsonFields}).
 *
 * <p>What the server logs per conversation (from the MongoDB manual's log messages, not
 * measured here: no MongoDB server is installable on this project's machines): at the default
 * verbosity, {@code mongod} logs a {@code "Connection accepted"} and a {@code "Connection ended"}
 * line (the NETWORK component) for every connection, this one included.
 */
final class MongodbConversation implements Conversation {

	static final MongodbConversation INSTANCE = new MongodbConversation();

	private static final int OP_MSG = 2013;

	private static final int REQUEST_ID = 1;

	/** messageLength, requestID, responseTo, opCode. */
	private static final int HEADER_BYTES = 16;

	/** The header, the flag bits and the kind byte of the body section. */
	private static final int BODY_START = HEADER_BYTES + 4 + 1;

	/** A standalone's hello reply takes a few hundred bytes, a replica set member's a few more. */
	private static final int MAX_REPLY_BYTES = 16384;

	private MongodbConversation() {
	}

	@Override
	public ByteBuffer request(HostPort target, String path) {
		ByteBuffer document = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN);
		document.putInt(0);
		document.put((byte) 0x10).put(cString("hello")).putInt(1);
		byte[] database = cString("admin");
		document.put((byte) 0x02).put(cString("$db")).putInt(database.length).put(database);
		document.put((byte) 0);
		document.putInt(0, document.position()).flip();
		ByteBuffer message = ByteBuffer.allocate(BODY_START + document.remaining()).order(ByteOrder.LITTLE_ENDIAN);
		message.putInt(message.capacity()).putInt(REQUEST_ID).putInt(0).putInt(OP_MSG);
		message.putInt(0).put((byte) 0).put(document);
		return message.flip().order(ByteOrder.BIG_ENDIAN);
	}

	@Override
	public Verdict judge(ByteBuffer reply, boolean endOfStream) {
		if (reply.limit() < HEADER_BYTES) {
			return Replies.unfinished(reply, endOfStream, MAX_REPLY_BYTES);
		}
		ByteBuffer message = reply.duplicate().order(ByteOrder.LITTLE_ENDIAN);
		int length = message.getInt(0);
		if (message.getInt(12) != OP_MSG || message.getInt(8) != REQUEST_ID || length < BODY_START + 5) {
			return Replies.foreign("MongoDB", reply);
		}
		if (length > MAX_REPLY_BYTES) {
			return Replies.tooLong(reply, MAX_REPLY_BYTES);
		}
		if (reply.limit() < length) {
			return Replies.unfinished(reply, endOfStream, MAX_REPLY_BYTES);
		}
		Map<String, Object> fields = (message.get(BODY_START - 1) == 0) ? BsonFields.read(message, BODY_START, length) : null;
		if (fields == null || !fields.containsKey("ok")) {
			return Replies.foreign("MongoDB", reply);
		}
		if (isOne(fields.get("ok"))) {
			return Verdict.ready("answers hello");
		}
		String error = fields.getOrDefault("codeName", "error") + " " + fields.getOrDefault("errmsg", "");
		return Verdict.notReady("answered hello with ok: 0: " + Replies.printable(error));
	}

	private static boolean isOne(Object ok) {
		return (ok instanceof Number number) ? number.doubleValue() == 1 : Boolean.TRUE.equals(ok);
	}

	private static byte[] cString(String text) {
		byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
		byte[] terminated = new byte[bytes.length + 1];
		System.arraycopy(bytes, 0, terminated, 0, bytes.length);
		return terminated;
	}

	@Override
	public int maxReplyBytes() {
		return MAX_REPLY_BYTES;
	}

}
