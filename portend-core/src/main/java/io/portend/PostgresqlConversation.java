package io.portend;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * PostgreSQL's readiness, as {@code pg_isready} (libpq's {@code PQping}) judges it: a
 * StartupMessage for the user {@code portend}, without a database, answered by an
 * authentication request ({@code R}) means the server accepts connections, and so does an
 * ErrorResponse ({@code E}) with any SQLSTATE but {@code 57P03} (an unknown role, too many
 * clients: the server is up, the rest is the application's business). {@code 57P03}
 * (cannot_connect_now: starting up, shutting down, in recovery, a standby not accepting
 * connections) is "not yet". No credentials are ever sent: the connection is closed at the
 * first answer.
 *
 * <p>Source: the PostgreSQL documentation, "Frontend/Backend Protocol": "Message Flow, Start-up",
 * "Message Formats" (StartupMessage, AuthenticationXXX, ErrorResponse) and "Error and Notice
 * Message Fields"; Appendix A for SQLSTATE 57P03.
 *
 * <p>What the server logs per conversation (PostgreSQL 15, default logging, measured): nothing for
 * one answered {@code R} and closed, even for a role that does not exist (roles are checked after
 * authentication); for each one answered 57P03, a {@code FATAL:  the database system is not
 * accepting connections} (or {@code … is starting up}) line and its {@code DETAIL} line (such as
 * {@code Hot standby mode is disabled.}); for each one refused otherwise, its {@code FATAL} line
 * (such as {@code pg_hba.conf rejects connection for host …}).
 */
final class PostgresqlConversation implements Conversation {

	static final PostgresqlConversation INSTANCE = new PostgresqlConversation();

	/** Protocol 3.0: major version 3 in the high 16 bits, minor 0 in the low. */
	private static final int PROTOCOL_3_0 = 196608;

	private static final byte[] USER = "portend".getBytes(StandardCharsets.US_ASCII);

	private static final String CANNOT_CONNECT_NOW = "57P03";

	/** A message's type byte and its Int32 length, which counts itself but not the type. */
	private static final int HEADER_BYTES = 5;

	/** An ErrorResponse during start-up takes a few hundred bytes; an authentication request fewer. */
	private static final int MAX_REPLY_BYTES = 4096;

	private PostgresqlConversation() {
	}

	@Override
	public ByteBuffer request(HostPort target, String path) {
		int length = 4 + 4 + "user".length() + 1 + USER.length + 1 + 1;
		ByteBuffer message = ByteBuffer.allocate(length);
		message.putInt(length).putInt(PROTOCOL_3_0);
		message.put("user".getBytes(StandardCharsets.US_ASCII)).put((byte) 0).put(USER).put((byte) 0);
		message.put((byte) 0);
		return message.flip();
	}

	@Override
	public Verdict judge(ByteBuffer reply, boolean endOfStream) {
		if (reply.limit() == 0) {
			return Replies.unfinished(reply, endOfStream, MAX_REPLY_BYTES);
		}
		byte type = reply.get(0);
		if (type != 'R' && type != 'E') {
			return Replies.foreign("PostgreSQL", reply);
		}
		if (reply.limit() < HEADER_BYTES) {
			return Replies.unfinished(reply, endOfStream, MAX_REPLY_BYTES);
		}
		int length = reply.getInt(1);
		if (length < 4 + ((type == 'R') ? 4 : 1)) {
			return Replies.foreign("PostgreSQL", reply);
		}
		if (length > MAX_REPLY_BYTES - 1) {
			return Replies.tooLong(reply, MAX_REPLY_BYTES);
		}
		if (reply.limit() < 1 + length) {
			return Replies.unfinished(reply, endOfStream, MAX_REPLY_BYTES);
		}
		return (type == 'R') ? Verdict.ready("accepts connections (asks to authenticate)") : judgeError(reply, 1 + length);
	}

	/**
	 * Judges an ErrorResponse: fields, each a type byte and a NUL-terminated string, then a NUL.
	 */
	private static Verdict judgeError(ByteBuffer reply, int end) {
		String code = null;
		String message = null;
		int field = HEADER_BYTES;
		while (field < end && reply.get(field) != 0) {
			int terminator = Replies.indexOf(reply, (byte) 0, field + 1);
			if (terminator < 0 || terminator >= end) {
				return Replies.foreign("PostgreSQL", reply);
			}
			byte fieldType = reply.get(field);
			if (fieldType == 'C') {
				code = Replies.text(reply, field + 1, terminator);
			}
			else if (fieldType == 'M') {
				message = Replies.text(reply, field + 1, terminator);
			}
			field = terminator + 1;
		}
		if (code == null) {
			return Replies.foreign("PostgreSQL", reply);
		}
		String error = code + " " + ((message != null) ? message : "");
		return CANNOT_CONNECT_NOW.equals(code) ? Verdict.notReady(error.strip())
				: Verdict.ready("accepts connections (refused this one: " + error.strip() + ")");
	}

	@Override
	public int maxReplyBytes() {
		return MAX_REPLY_BYTES;
	}

}
