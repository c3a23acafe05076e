package io.portend;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Reads the top-level fields of one BSON document, as much as a readiness conversation needs:
 * numbers, booleans and strings by name; every other value is skipped over by its size.
 *
 * <p>Source: the BSON specification, version 1.1 (bsonspec.org): a document is an int32 total
 * size, elements (a type byte, a NUL-terminated name, a value), then a NUL; all little-endian.
 */
final class BsonFields {

	private static final int DOUBLE = 0x01;

	private static final int STRING = 0x02;

	private static final int DOCUMENT = 0x03;

	private static final int ARRAY = 0x04;

	private static final int BINARY = 0x05;

	private static final int UNDEFINED = 0x06;

	private static final int OBJECT_ID = 0x07;

	private static final int BOOLEAN = 0x08;

	private static final int DATE_TIME = 0x09;

	private static final int NULL = 0x0A;

	private static final int REGEX = 0x0B;

	private static final int DB_POINTER = 0x0C;

	private static final int JAVASCRIPT = 0x0D;

	private static final int SYMBOL = 0x0E;

	private static final int JAVASCRIPT_WITH_SCOPE = 0x0F;

	private static final int INT32 = 0x10;

	private static final int TIMESTAMP = 0x11;

	private static final int INT64 = 0x12;

	private static final int DECIMAL128 = 0x13;

	private static final int MIN_KEY = 0xFF;

	private static final int MAX_KEY = 0x7F;

	private BsonFields() {
	}

	/**
	 * Reads the top-level fields of the document at {@code start}: doubles, int32 and int64 as
	 * {@link Number}, booleans as {@link Boolean}, strings as {@link String}; other types are
	 * left out.
	 * @param bytes the bytes holding the document (its byte order is not used)
	 * @param start the index of the document's size
	 * @param end the index after the last byte the document may take
	 * @return the fields by name, or {@code null} when the bytes are not one BSON document
	 */
	static @Nullable Map<String, Object> read(ByteBuffer bytes, int start, int end) {
		ByteBuffer document = bytes.duplicate().order(ByteOrder.LITTLE_ENDIAN);
		if (end - start < 5) {
			return null;
		}
		int size = document.getInt(start);
		if (size < 5 || size > end - start || document.get(start + size - 1) != 0) {
			return null;
		}
		int documentEnd = start + size;
		Map<String, Object> fields = new HashMap<>();
		int element = start + 4;
		while (element < documentEnd - 1) {
			int type = document.get(element) & 0xFF;
			int nameEnd = Replies.indexOf(document, (byte) 0, element + 1);
			if (nameEnd < 0 || nameEnd >= documentEnd) {
				return null;
			}
			int value = nameEnd + 1;
			int valueSize = valueSize(document, type, value, documentEnd);
			if (valueSize < 0 || valueSize > documentEnd - 1 - value) {
				return null;
			}
			Object read = scalar(document, type, value, valueSize);
			if (read != null) {
				fields.put(new String(bytesOf(document, element + 1, nameEnd), StandardCharsets.UTF_8), read);
			}
			element = value + valueSize;
		}
		return fields;
	}

	private static @Nullable Object scalar(ByteBuffer document, int type, int value, int size) {
		return switch (type) {
			case DOUBLE -> document.getDouble(value);
			case INT32 -> document.getInt(value);
			case INT64 -> document.getLong(value);
			case BOOLEAN -> document.get(value) != 0;
			case STRING -> new String(bytesOf(document, value + 4, value + size - 1), StandardCharsets.UTF_8);
			default -> null;
		};
	}

	/**
	 * Returns the size of a value, negative when its type is unknown or its size cannot be right.
	 */
	private static int valueSize(ByteBuffer document, int type, int value, int documentEnd) {
		int available = documentEnd - value;
		return switch (type) {
			case UNDEFINED, NULL, MIN_KEY, MAX_KEY -> 0;
			case BOOLEAN -> 1;
			case INT32 -> 4;
			case DOUBLE, DATE_TIME, TIMESTAMP, INT64 -> 8;
			case OBJECT_ID -> 12;
			case DECIMAL128 -> 16;
			case STRING, JAVASCRIPT, SYMBOL -> stringSize(document, value, available);
			case DB_POINTER -> stringSize(document, value, available) + 12;
			case BINARY -> (available < 4) ? -1 : 4 + 1 + nonNegative(document.getInt(value));
			case DOCUMENT, ARRAY, JAVASCRIPT_WITH_SCOPE -> (available < 4) ? -1 : nonNegative(document.getInt(value));
			case REGEX -> regexSize(document, value, documentEnd);
			default -> -1;
		};
	}

	/** A string: its int32 size, which counts its terminating NUL, then its bytes and the NUL. */
	private static int stringSize(ByteBuffer document, int value, int available) {
		return (available < 4 || document.getInt(value) < 1) ? Integer.MIN_VALUE / 2 : 4 + nonNegative(document.getInt(value));
	}

	/** A regular expression: the pattern and the options, each a NUL-terminated string. */
	private static int regexSize(ByteBuffer document, int value, int documentEnd) {
		int patternEnd = Replies.indexOf(document, (byte) 0, value);
		int optionsEnd = (patternEnd < 0) ? -1 : Replies.indexOf(document, (byte) 0, patternEnd + 1);
		return (optionsEnd < 0 || optionsEnd >= documentEnd) ? -1 : optionsEnd + 1 - value;
	}

	/** Sizes past {@code Integer.MAX_VALUE / 2} are as wrong as negative ones, without overflow. */
	private static int nonNegative(int size) {
		return (size < 0 || size > Integer.MAX_VALUE / 2) ? Integer.MIN_VALUE / 2 : size;
	}

	private static byte[] bytesOf(ByteBuffer document, int from, int to) {
		byte[] bytes = new byte[to - from];
		document.get(from, bytes);
		return bytes;
	}

}
