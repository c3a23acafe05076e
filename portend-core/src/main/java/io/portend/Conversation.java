package io.portend;

import java.nio.ByteBuffer;

/**
 * A readiness conversation in one service's own protocol, held on a connection that was just
 * accepted: the request to send, then the reply, judged as its bytes arrive. It sends no
 * credentials and nothing that changes the server's state. Implementations are stateless and
 * thread-safe: one instance serves every conversation.
 */
interface Conversation {

	/**
	 * Returns the bytes to send once connected, or an empty buffer when the server speaks first.
	 * @param target the address connected to, as the user wrote it (for a {@code Host} header)
	 * @param path the path to ask for, {@code /} unless the target names one
	 * @return a new buffer, ready to be written
	 */
	ByteBuffer request(HostPort target, String path);

	/**
	 * Judges the reply received so far.
	 * @param reply every byte received so far, from position 0 to the limit; not to be kept
	 * @param endOfStream whether the server closed its side after these bytes
	 * @return the verdict; {@link Verdict#INCOMPLETE} to read on
	 */
	Verdict judge(ByteBuffer reply, boolean endOfStream);

	/**
	 * Returns the most bytes a reply may take before it is judged: a longer one is not ready
	 * ("reply too long"), so a server that talks forever costs a bounded read.
	 * @return a positive number of bytes
	 */
	int maxReplyBytes();

}
