package io.portend;

import java.nio.ByteBuffer;

/**
 * MySQL's and MariaDB's readiness: the server speaks first, and its first packet is either its
 * greeting (HandshakeV10: it accepts connections) or an ERR_Packet instead (it refuses them, for
 * example with too many connections or a blocked host: the code and message are reported). This
 * conversation sends nothing at all and closes once it has the first packet.
 *
 * <p>Source: the MariaDB documentation, "Client/Server Protocol": "Connecting" (initial
 * handshake packet; "if first byte from server is 0xFF, packet is an ERR_Packet") and
 * "ERR_Packet"; MySQL's "Protocol::HandshakeV10" and "ERR_Packet" pages say the same.
 *
 * <p>What the server logs per conversation (MariaDB 10.11, measured): at the default
 * {@code log_warnings=2}, one warning for each, greeted or refused alike, as the connection closes
 * before authenticating: {@code [Warning] Aborted connection 12 to db: 'unconnected' user:
 * 'unauthenticated' host: '127.0.0.1' (This connection closed normally without authentication)};
 * nothing at {@code log_warnings=1}. A conversation can not avoid it without credentials.
 */
final class MysqlConversation implements Conversation {

	static final MysqlConversation INSTANCE = new MysqlConversation();

	/** A packet's 3-byte little-endian payload length and 1-byte sequence id. */
	private static final int HEADER_BYTES = 4;

	private static final int HANDSHAKE_V10 = 0x0A;

	private static final int ERR_PACKET = 0xFF;

	/** MariaDB 10's versions start with it, for old replicas' sake: it says nothing. */
	private static final String MARIADB_REPLICATION_PREFIX = "5.5.5-";

	/** A greeting takes about a hundred bytes, an ERR_Packet at most about 520. */
	private static final int MAX_REPLY_BYTES = 1024;

	private MysqlConversation() {
	}

	@Override
	public ByteBuffer request(HostPort target, String path) {
		return ByteBuffer.allocate(0);
	}

	@Override
	public Verdict judge(ByteBuffer reply, boolean endOfStream) {
		if (reply.limit() <= HEADER_BYTES) {
			if (reply.limit() == HEADER_BYTES && !plausibleHeader(reply)) {
				return Replies.foreign("MySQL", reply);
			}
			return Replies.unfinished(reply, endOfStream, MAX_REPLY_BYTES);
		}
		int kind = reply.get(HEADER_BYTES) & 0xFF;
		if (!plausibleHeader(reply) || (kind != HANDSHAKE_V10 && kind != ERR_PACKET)) {
			return Replies.foreign("MySQL", reply);
		}
		int end = HEADER_BYTES + payloadLength(reply);
		if (end > MAX_REPLY_BYTES) {
			return Replies.tooLong(reply, MAX_REPLY_BYTES);
		}
		if (reply.limit() < end) {
			return Replies.unfinished(reply, endOfStream, MAX_REPLY_BYTES);
		}
		return (kind == HANDSHAKE_V10) ? greeting(reply, end) : error(reply, end);
	}

	/**
	 * The first packet of a connection has sequence id 0 and a payload.
	 */
	private static boolean plausibleHeader(ByteBuffer reply) {
		return reply.get(3) == 0 && payloadLength(reply) > 0;
	}

	private static int payloadLength(ByteBuffer reply) {
		return (reply.get(0) & 0xFF) | (reply.get(1) & 0xFF) << 8 | (reply.get(2) & 0xFF) << 16;
	}

	/**
	 * HandshakeV10: the protocol version, then the server's version as a NUL-terminated string.
	 */
	private static Verdict greeting(ByteBuffer reply, int end) {
		int versionStart = HEADER_BYTES + 1;
		int terminator = Replies.indexOf(reply, (byte) 0, versionStart);
		if (terminator < 0 || terminator >= end) {
			return Replies.foreign("MySQL", reply);
		}
		String version = Replies.text(reply, versionStart, terminator);
		if (version.startsWith(MARIADB_REPLICATION_PREFIX)) {
			version = version.substring(MARIADB_REPLICATION_PREFIX.length());
		}
		return Verdict.ready("greets as " + version);
	}

	/**
	 * ERR_Packet: 0xFF, a 2-byte error code, optionally {@code #} and a 5-character SQLSTATE, then
	 * the message to the end of the packet.
	 */
	private static Verdict error(ByteBuffer reply, int end) {
		int codeStart = HEADER_BYTES + 1;
		if (end < codeStart + 2) {
			return Replies.foreign("MySQL", reply);
		}
		int code = (reply.get(codeStart) & 0xFF) | (reply.get(codeStart + 1) & 0xFF) << 8;
		int messageStart = codeStart + 2;
		String state = "";
		if (end >= messageStart + 6 && reply.get(messageStart) == '#') {
			state = " (" + Replies.text(reply, messageStart + 1, messageStart + 6) + ")";
			messageStart += 6;
		}
		return Verdict.notReady("refused connections: ERROR " + code + state + ": " + Replies.text(reply, messageStart, end));
	}

	@Override
	public int maxReplyBytes() {
		return MAX_REPLY_BYTES;
	}

}
