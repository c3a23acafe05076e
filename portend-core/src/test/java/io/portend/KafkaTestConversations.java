package io.portend;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;

/**
 * Holds {@link KafkaConversation}s over a plain blocking socket, as the check loop does over its
 * non-blocking ones: send the request, then judge the reply as it arrives, within a deadline.
 */
final class KafkaTestConversations {

	private KafkaTestConversations() {
	}

	/**
	 * Connects, converses and closes.
	 * @param address where a broker (or something else) listens
	 * @param timeout how long to wait for the connection and then for a complete reply
	 * @return the conversation's verdict; not ready ({@code no answer}) when the reply does not
	 * complete in time
	 * @throws IOException if the connection cannot be made
	 */
	static Verdict converse(InetSocketAddress address, Duration timeout) throws IOException {
		Conversation conversation = KafkaConversation.INSTANCE;
		long deadline = System.nanoTime() + timeout.toNanos();
		try (Socket socket = new Socket()) {
			socket.connect(address, (int) timeout.toMillis());
			ByteBuffer request = conversation.request(new HostPort("127.0.0.1", address.getPort()), "/");
			socket.getOutputStream().write(request.array(), request.position(), request.remaining());
			InputStream in = socket.getInputStream();
			ByteBuffer reply = ByteBuffer.allocate(conversation.maxReplyBytes());
			while (reply.hasRemaining()) {
				long remainingMillis = Duration.ofNanos(deadline - System.nanoTime()).toMillis();
				if (remainingMillis <= 0) {
					return Verdict.notReady("no answer");
				}
				socket.setSoTimeout((int) remainingMillis);
				int read;
				try {
					read = in.read(reply.array(), reply.position(), reply.remaining());
				}
				catch (SocketTimeoutException ex) {
					return Verdict.notReady("no answer");
				}
				if (read > 0) {
					reply.position(reply.position() + read);
				}
				Verdict verdict = conversation.judge(reply.duplicate().flip(), read < 0);
				if (verdict.state() != Verdict.State.INCOMPLETE) {
					return verdict;
				}
			}
			return Verdict.notReady("reply too long");
		}
	}

}
