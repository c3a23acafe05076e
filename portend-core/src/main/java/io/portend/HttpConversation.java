package io.portend;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * HTTP's readiness: {@code GET path HTTP/1.1} (with {@code Host}, {@code User-Agent: portend}
 * and {@code Connection: close}) answered with a final status below 400 means the service is
 * ready; any other status is not ready and reported, such as Spring Boot's
 * {@code /actuator/health/readiness} answering {@code 503} while its application starts. Only the
 * status line is read: headers and body are not waited for. Interim {@code 1xx} responses are
 * skipped. A GET changes nothing on a well-behaved server.
 *
 * <p>Source: RFC 9112, "HTTP/1.1", section 3 (request line), 4 (status line) and 9.6 (the
 * {@code close} connection option); RFC 9110, "HTTP Semantics", section 7.2 ({@code Host}) and 15
 * (status codes, interim {@code 1xx} responses).
 *
 * <p>What the server logs per conversation: one access-log line, where the server keeps an
 * access log, like any other request.
 */
final class HttpConversation implements Conversation {

	static final HttpConversation INSTANCE = new HttpConversation();

	private static final byte[] VERSION_PREFIX = "HTTP/".getBytes(StandardCharsets.US_ASCII);

	/** {@code HTTP/1.1 200}: the status code ends at this index. */
	private static final int STATUS_END = 12;

	private static final int FIRST_NOT_READY_STATUS = 400;

	/** A status line with interim responses before it; longer headers are not read. */
	private static final int MAX_REPLY_BYTES = 8192;

	private HttpConversation() {
	}

	/**
	 * {@inheritDoc}
	 * @throws IllegalArgumentException if the path does not start with {@code /} or holds a
	 * character a request line cannot (a space, a control character, anything but ASCII)
	 */
	@Override
	public ByteBuffer request(HostPort target, String path) {
		if (!path.startsWith("/") || !path.chars().allMatch((c) -> c > ' ' && c < 0x7F)) {
			throw new IllegalArgumentException("Invalid HTTP path '" + path
					+ "': it must start with '/' and hold only visible ASCII characters (percent-encode the others).");
		}
		String request = "GET " + path + " HTTP/1.1\r\n"
				+ "Host: " + hostHeader(target) + "\r\n"
				+ "User-Agent: portend\r\n"
				+ "Connection: close\r\n"
				+ "\r\n";
		return ByteBuffer.wrap(request.getBytes(StandardCharsets.US_ASCII));
	}

	/**
	 * The host as a URI writes it (an IPv6 literal in brackets, without its zone, which means
	 * nothing to the server), and the port.
	 */
	private static String hostHeader(HostPort target) {
		String host = target.host();
		if (host.indexOf(':') >= 0) {
			int zone = host.indexOf('%');
			host = "[" + ((zone < 0) ? host : host.substring(0, zone)) + "]";
		}
		return host + ":" + target.port();
	}

	@Override
	public Verdict judge(ByteBuffer reply, boolean endOfStream) {
		int response = 0;
		while (true) {
			for (int i = 0; i < VERSION_PREFIX.length && response + i < reply.limit(); i++) {
				if (reply.get(response + i) != VERSION_PREFIX[i]) {
					return Replies.foreign("HTTP", reply);
				}
			}
			int lineEnd = Replies.indexOf(reply, (byte) '\n', response);
			if (lineEnd < 0) {
				return Replies.unfinished(reply, endOfStream, MAX_REPLY_BYTES);
			}
			int status = status(reply, response, lineEnd);
			if (status < 0) {
				return Replies.foreign("HTTP", reply);
			}
			if (status >= 200 || status == 101) {
				String statusLine = Replies.text(reply, response + STATUS_END - 3, lineEnd);
				return (status < FIRST_NOT_READY_STATUS) ? Verdict.ready("answers " + statusLine)
						: Verdict.notReady("answers " + statusLine);
			}
			response = interimEnd(reply, lineEnd);
			if (response < 0) {
				return Replies.unfinished(reply, endOfStream, MAX_REPLY_BYTES);
			}
		}
	}

	/**
	 * Returns the status code of the status line {@code HTTP/d.d ddd reason}, or -1 when the line
	 * is not one.
	 */
	private static int status(ByteBuffer reply, int lineStart, int lineEnd) {
		if (lineEnd < lineStart + STATUS_END || reply.get(lineStart + STATUS_END - 4) != ' ') {
			return -1;
		}
		int status = 0;
		for (int i = lineStart + STATUS_END - 3; i < lineStart + STATUS_END; i++) {
			byte digit = reply.get(i);
			if (digit < '0' || digit > '9') {
				return -1;
			}
			status = status * 10 + (digit - '0');
		}
		return (status >= 100) ? status : -1;
	}

	/**
	 * Returns the index after the empty line that ends an interim response's header fields, or
	 * -1 when it has not arrived yet.
	 */
	private static int interimEnd(ByteBuffer reply, int statusLineEnd) {
		int lineEnd = statusLineEnd;
		while (true) {
			int next = Replies.indexOf(reply, (byte) '\n', lineEnd + 1);
			if (next < 0) {
				return -1;
			}
			boolean empty = next == lineEnd + 1 || (next == lineEnd + 2 && reply.get(lineEnd + 1) == '\r');
			if (empty) {
				return next + 1;
			}
			lineEnd = next;
		}
	}

	@Override
	public int maxReplyBytes() {
		return MAX_REPLY_BYTES;
	}

}
