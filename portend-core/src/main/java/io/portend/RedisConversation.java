package io.portend;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * Redis's readiness: an inline {@code PING} answered {@code +PONG} means it serves. An error reply
 * whose code is {@code LOADING} (loading its dataset), {@code BUSY} (running a script or function)
 * or {@code MASTERDOWN} (a replica that lost its master and serves no stale data) is "not yet".
 * Any other error reply, such as {@code NOAUTH} or {@code DENIED}, comes from a server that is up
 * and refuses this client: ready (credentials are the application's business). PING changes no
 * state, and nothing else is sent.
 *
 * <p>Source: the Redis documentation, "Redis serialization protocol specification" (inline
 * commands, simple strings, simple errors and their error prefixes) and the {@code PING}
 * command's page.
 *
 * <p>What the server logs per conversation (Redis 7.0, measured): nothing at the default log level
 * {@code notice}, neither for an answered PING nor for a {@code -LOADING} one; at
 * {@code verbose}, an {@code Accepted} and a {@code Client closed connection} line.
 */
final class RedisConversation implements Conversation {

	static final RedisConversation INSTANCE = new RedisConversation();

	private static final Set<String> NOT_YET = Set.of("LOADING", "BUSY", "MASTERDOWN");

	/** Redis's longest reply to PING is its protected-mode {@code DENIED} error, under 1 KiB. */
	private static final int MAX_REPLY_BYTES = 4096;

	private RedisConversation() {
	}

	@Override
	public ByteBuffer request(HostPort target, String path) {
		return ByteBuffer.wrap("PING\r\n".getBytes(StandardCharsets.US_ASCII));
	}

	@Override
	public Verdict judge(ByteBuffer reply, boolean endOfStream) {
		if (reply.limit() == 0) {
			return Replies.unfinished(reply, endOfStream, MAX_REPLY_BYTES);
		}
		byte type = reply.get(0);
		if (type != '+' && type != '-') {
			return Replies.foreign("Redis", reply);
		}
		int lineEnd = Replies.indexOf(reply, (byte) '\r', 1);
		if (lineEnd < 0 || lineEnd + 1 >= reply.limit()) {
			return Replies.unfinished(reply, endOfStream, MAX_REPLY_BYTES);
		}
		if (reply.get(lineEnd + 1) != '\n') {
			return Replies.foreign("Redis", reply);
		}
		String line = Replies.text(reply, 1, lineEnd);
		if (type == '+') {
			return line.equals("PONG") ? Verdict.ready("answers PONG") : Replies.foreign("Redis", reply);
		}
		int space = line.indexOf(' ');
		String code = (space < 0) ? line : line.substring(0, space);
		return NOT_YET.contains(code) ? Verdict.notReady(line) : Verdict.ready("up, refuses this client: " + line);
	}

	@Override
	public int maxReplyBytes() {
		return MAX_REPLY_BYTES;
	}

}
