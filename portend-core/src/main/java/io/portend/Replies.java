package io.portend;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * What every {@link Conversation} does with a reply alike: the verdict on a reply that is not
 * complete yet, and server bytes made fit for a log line.
 */
final class Replies {

	/** How many bytes of a foreign reply to show: enough to recognise {@code HTTP/1.1 4}, {@code SSH-2.0-}. */
	private static final int EXCERPT_BYTES = 10;

	/** How many characters of a server's own message to keep in a detail. */
	private static final int MAX_TEXT_CHARS = 160;

	private Replies() {
	}

	/**
	 * Returns the verdict on a reply its conversation could not judge yet: not ready when the
	 * server closed, or when the reply fills the conversation's bound, otherwise
	 * {@link Verdict#INCOMPLETE}.
	 * @param reply the reply so far
	 * @param endOfStream whether the server closed after it
	 * @param maxReplyBytes the conversation's bound
	 */
	static Verdict unfinished(ByteBuffer reply, boolean endOfStream, int maxReplyBytes) {
		if (reply.limit() == 0 && endOfStream) {
			return Verdict.notReady("closed without answering");
		}
		if (endOfStream) {
			return Verdict.notReady("closed in the middle of its answer: " + excerpt(reply));
		}
		if (reply.limit() >= maxReplyBytes) {
			return tooLong(reply, maxReplyBytes);
		}
		return Verdict.INCOMPLETE;
	}

	/**
	 * Returns the verdict on a reply that takes (or announces) more than a conversation's bound.
	 */
	static Verdict tooLong(ByteBuffer reply, int maxReplyBytes) {
		return Verdict.notReady("answer too long: more than " + maxReplyBytes + " bytes, starting " + excerpt(reply));
	}

	/**
	 * Returns the verdict on a reply that is not in the expected protocol.
	 * @param protocol the protocol's name, such as {@code PostgreSQL}
	 */
	static Verdict foreign(String protocol, ByteBuffer reply) {
		return Verdict.notReady("answered something that is not " + protocol + ": " + excerpt(reply));
	}

	/**
	 * Returns the first bytes of a reply, quoted, printable ASCII as is and every other byte as
	 * {@code \xNN}, with {@code …} when there is more.
	 */
	static String excerpt(ByteBuffer reply) {
		int shown = Math.min(reply.limit(), EXCERPT_BYTES);
		StringBuilder excerpt = new StringBuilder(shown + 8).append('\'');
		for (int i = 0; i < shown; i++) {
			int value = reply.get(i) & 0xFF;
			if (value >= 0x20 && value < 0x7F) {
				excerpt.append((char) value);
			}
			else {
				excerpt.append("\\x").append(Character.forDigit(value >> 4, 16)).append(Character.forDigit(value & 0xF, 16));
			}
		}
		if (reply.limit() > shown) {
			excerpt.append('…');
		}
		return excerpt.append('\'').toString();
	}

	/**
	 * Decodes text the server wrote (UTF-8) and makes it {@link #printable(String)}.
	 * @param from the index of its first byte
	 * @param to the index after its last byte
	 */
	static String text(ByteBuffer reply, int from, int to) {
		byte[] bytes = new byte[to - from];
		reply.get(from, bytes);
		return printable(new String(bytes, StandardCharsets.UTF_8));
	}

	/**
	 * Makes text the server wrote fit for a detail: control characters become spaces, and a long
	 * text is cut with {@code …}.
	 */
	static String printable(String text) {
		String stripped = text.strip();
		StringBuilder printable = new StringBuilder(Math.min(stripped.length(), MAX_TEXT_CHARS + 1));
		for (int i = 0; i < stripped.length() && printable.length() < MAX_TEXT_CHARS; i++) {
			char c = stripped.charAt(i);
			printable.append(Character.isISOControl(c) ? ' ' : c);
		}
		if (printable.length() < stripped.length()) {
			printable.append('…');
		}
		return printable.toString();
	}

	/**
	 * Returns the index of the first occurrence of a byte at or after {@code from}, or -1.
	 */
	static int indexOf(ByteBuffer reply, byte value, int from) {
		for (int i = from; i < reply.limit(); i++) {
			if (reply.get(i) == value) {
				return i;
			}
		}
		return -1;
	}

}
