package io.portend.servers;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Writes MongoDB wire protocol messages for tests: {@code OP_MSG} with one body document, in
 * BSON holding doubles, int32, booleans and strings. Source: the MongoDB manual, "MongoDB Wire
 * Protocol", and the BSON specification 1.1.
 */
public final class MongodbWire {

	/** The opCode of {@code OP_MSG}. */
	public static final int OP_MSG = 2013;

	private MongodbWire() {
	}

	/**
	 * Returns an {@code OP_MSG}: the standard header, flag bits 0, and a kind-0 section.
	 * @param requestId this message's id
	 * @param responseTo the id of the request it answers, 0 for a request
	 * @param document a BSON document, from {@link #document(Object...)}
	 */
	public static byte[] opMsg(int requestId, int responseTo, byte[] document) {
		int length = 16 + 4 + 1 + document.length;
		return ByteBuffer.allocate(length)
			.order(ByteOrder.LITTLE_ENDIAN)
			.putInt(length)
			.putInt(requestId)
			.putInt(responseTo)
			.putInt(OP_MSG)
			.putInt(0)
			.put((byte) 0)
			.put(document)
			.array();
	}

	/**
	 * Returns a BSON document of names and values, alternating: {@code Double}, {@code Integer},
	 * {@code Boolean} or {@code String} values.
	 */
	public static byte[] document(Object... namesAndValues) {
		ByteArrayOutputStream elements = new ByteArrayOutputStream();
		for (int i = 0; i < namesAndValues.length; i += 2) {
			Object value = namesAndValues[i + 1];
			ByteBuffer encoded = ByteBuffer.allocate(1024).order(ByteOrder.LITTLE_ENDIAN);
			if (value instanceof Double number) {
				encoded.put((byte) 0x01).put(cString((String) namesAndValues[i])).putDouble(number);
			}
			else if (value instanceof Integer number) {
				encoded.put((byte) 0x10).put(cString((String) namesAndValues[i])).putInt(number);
			}
			else if (value instanceof Boolean flag) {
				encoded.put((byte) 0x08).put(cString((String) namesAndValues[i])).put((byte) (flag ? 1 : 0));
			}
			else {
				byte[] text = cString((String) value);
				encoded.put((byte) 0x02).put(cString((String) namesAndValues[i])).putInt(text.length).put(text);
			}
			elements.write(encoded.array(), 0, encoded.position());
		}
		int length = 4 + elements.size() + 1;
		return ByteBuffer.allocate(length)
			.order(ByteOrder.LITTLE_ENDIAN)
			.putInt(length)
			.put(elements.toByteArray())
			.put((byte) 0)
			.array();
	}

	private static byte[] cString(String text) {
		byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
		return ByteBuffer.allocate(bytes.length + 1).put(bytes).array();
	}

}
