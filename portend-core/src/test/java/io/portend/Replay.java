package io.portend;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Feeds captured or hand-built replies to {@link Conversation#judge}, as the checker would: all at
 * once, or one byte more at a time.
 */
final class Replay {

	private Replay() {
	}

	/**
	 * Returns the bytes of text whose characters are all below 256, one byte each, so that
	 * {@code "R\0\0\0\u0017"} writes a captured reply as it was.
	 */
	static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.ISO_8859_1);
	}

	static Verdict judge(Conversation conversation, byte[] reply, boolean endOfStream) {
		ByteBuffer buffer = ByteBuffer.wrap(reply.clone());
		Verdict verdict = conversation.judge(buffer, endOfStream);
		assertThat(buffer.position()).as("position after judging").isZero();
		assertThat(buffer.limit()).as("limit after judging").isEqualTo(reply.length);
		return verdict;
	}

	/**
	 * Judges every prefix of a reply, one byte longer each time, as bytes trickling in would be:
	 * once a prefix is judged, every longer one must be judged the same.
	 * @return the verdict on the whole reply
	 */
	static Verdict byteByByte(Conversation conversation, byte[] reply) {
		Verdict first = Verdict.INCOMPLETE;
		for (int length = 0; length <= reply.length; length++) {
			byte[] prefix = new byte[length];
			System.arraycopy(reply, 0, prefix, 0, length);
			Verdict verdict = judge(conversation, prefix, false);
			if (first != Verdict.INCOMPLETE) {
				assertThat(verdict).as("verdict on the first %d bytes", length).isEqualTo(first);
			}
			first = verdict;
		}
		return first;
	}

}
