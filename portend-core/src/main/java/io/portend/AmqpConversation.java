package io.portend;

import java.nio.ByteBuffer;

/**
 * AMQP 0-9-1's (RabbitMQ's) readiness: the protocol header {@code AMQP 0 0 9 1} answered by a
 * method frame on channel 0 holding {@code Connection.Start} (class 10, method 10) means the
 * broker accepts connections. A broker that speaks another version answers with its own protocol
 * header and closes: not ready. The conversation ends at the frame's first bytes; no
 * {@code Start-Ok}, so no credentials, is ever sent.
 *
 * <p>Source: the AMQP 0-9-1 specification (AMQP Working Group, 2008), section 4.2.2 "Protocol
 * Header", 4.2.3 "General Frame Format" and 4.2.4 "Method Payloads", and the class and method ids
 * of its XML definition ({@code connection.start}: class 10, method 10).
 *
 * <p>What the server logs per conversation (RabbitMQ 3.10, default {@code info} level, measured):
 * two messages, {@code [info] accepting AMQP connection <0.685.0> (127.0.0.1:43718 ->
 * 127.0.0.1:5672)} and, as the connection closes before its handshake completes, {@code [warning]
 * closing AMQP connection <0.685.0> (127.0.0.1:43718 -> 127.0.0.1:5672): client unexpectedly
 * closed TCP connection} (over two lines).
 */
final class AmqpConversation implements Conversation {

	static final AmqpConversation INSTANCE = new AmqpConversation();

	private static final byte[] PROTOCOL_HEADER = { 'A', 'M', 'Q', 'P', 0, 0, 9, 1 };

	private static final int FRAME_METHOD = 1;

	private static final int CLASS_CONNECTION = 10;

	private static final int METHOD_START = 10;

	/** Frame type, channel and payload size, then the method's class and method ids. */
	private static final int METHOD_IDS_END = 1 + 2 + 4 + 2 + 2;

	/** Judged once its first 11 bytes arrived: a broker's Connection.Start takes about 500 more. */
	private static final int MAX_REPLY_BYTES = 4096;

	private AmqpConversation() {
	}

	@Override
	public ByteBuffer request(HostPort target, String path) {
		return ByteBuffer.wrap(PROTOCOL_HEADER.clone());
	}

	@Override
	public Verdict judge(ByteBuffer reply, boolean endOfStream) {
		if (reply.limit() == 0) {
			return Replies.unfinished(reply, endOfStream, MAX_REPLY_BYTES);
		}
		if (reply.get(0) == 'A') {
			return judgeProtocolHeader(reply, endOfStream);
		}
		if (reply.get(0) != FRAME_METHOD) {
			return Replies.foreign("AMQP", reply);
		}
		if (reply.limit() < METHOD_IDS_END) {
			return Replies.unfinished(reply, endOfStream, MAX_REPLY_BYTES);
		}
		int channel = reply.getShort(1);
		int size = reply.getInt(3);
		if (channel != 0 || size < 4) {
			return Replies.foreign("AMQP", reply);
		}
		int classId = reply.getShort(7) & 0xFFFF;
		int methodId = reply.getShort(9) & 0xFFFF;
		if (classId == CLASS_CONNECTION && methodId == METHOD_START) {
			return Verdict.ready("sends Connection.Start");
		}
		return Verdict.notReady("answered method " + classId + "." + methodId + " instead of Connection.Start");
	}

	/**
	 * A server that does not speak this version answers with the header of one it speaks.
	 */
	private static Verdict judgeProtocolHeader(ByteBuffer reply, boolean endOfStream) {
		for (int i = 0; i < Math.min(reply.limit(), 4); i++) {
			if (reply.get(i) != PROTOCOL_HEADER[i]) {
				return Replies.foreign("AMQP", reply);
			}
		}
		if (reply.limit() < PROTOCOL_HEADER.length) {
			return Replies.unfinished(reply, endOfStream, MAX_REPLY_BYTES);
		}
		return Verdict.notReady("does not speak AMQP 0-9-1, offers " + Replies.excerpt(reply));
	}

	@Override
	public int maxReplyBytes() {
		return MAX_REPLY_BYTES;
	}

}
