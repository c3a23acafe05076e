package io.portend;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static io.portend.Replay.byteByByte;
import static io.portend.Replay.bytes;
import static io.portend.Replay.judge;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * {@link HttpConversation} on hand-built replies.
 */
class HttpConversationTests {

	private final Conversation conversation = HttpConversation.INSTANCE;

	@Test
	void requestAsksForThePathAndClosesTheConnection() {
		assertThat(request(new HostPort("app", 8080), "/actuator/health/readiness"))
			.isEqualTo("GET /actuator/health/readiness HTTP/1.1\r\nHost: app:8080\r\nUser-Agent: portend\r\n"
					+ "Connection: close\r\n\r\n");
	}

	@Test
	void hostHeaderBracketsAnIpv6LiteralWithoutItsZone() {
		assertThat(request(new HostPort("fe80::1%eth0", 80), "/")).contains("\r\nHost: [fe80::1]:80\r\n");
	}

	@Test
	void aPathThatCannotBeInARequestLineIsRejectedNamingIt() {
		assertThatIllegalArgumentException().isThrownBy(() -> request(new HostPort("app", 80), "/a b\r\nX: y"))
			.withMessageStartingWith("Invalid HTTP path '/a b");
		assertThatIllegalArgumentException().isThrownBy(() -> request(new HostPort("app", 80), "health"))
			.withMessageStartingWith("Invalid HTTP path 'health'");
	}

	@Test
	void okIsReady() {
		assertThat(byteByByte(this.conversation, bytes("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n")))
			.isEqualTo(Verdict.ready("answers 200 OK"));
	}

	@Test
	void aRedirectIsReady() {
		assertThat(judge(this.conversation, bytes("HTTP/1.0 302 Found\r\n"), false))
			.isEqualTo(Verdict.ready("answers 302 Found"));
	}

	@Test
	void serviceUnavailableIsNotReady() {
		assertThat(byteByByte(this.conversation, bytes("HTTP/1.1 503 Service Unavailable\r\n")))
			.isEqualTo(Verdict.notReady("answers 503 Service Unavailable"));
	}

	@Test
	void aClientErrorIsNotReady() {
		assertThat(judge(this.conversation, bytes("HTTP/1.1 404 \r\n"), false)).isEqualTo(Verdict.notReady("answers 404"));
	}

	@Test
	void interimResponsesAreSkipped() {
		byte[] reply = bytes("HTTP/1.1 103 Early Hints\r\nLink: </a.css>\r\n\r\nHTTP/1.1 100 Continue\n\nHTTP/1.1 503 Busy\r\n");
		assertThat(byteByByte(this.conversation, reply)).isEqualTo(Verdict.notReady("answers 503 Busy"));
	}

	@Test
	void aStatusLineWithoutCodeIsNotHttp() {
		assertThat(judge(this.conversation, bytes("HTTP/1.1 OK\r\n"), false).detail())
			.isEqualTo("answered something that is not HTTP: 'HTTP/1.1 O…'");
	}

	@Test
	void aStatusCodeBelow100IsNotHttp() {
		assertThat(judge(this.conversation, bytes("HTTP/1.1 099 Odd\r\n"), false).detail())
			.startsWith("answered something that is not HTTP");
	}

	@Test
	void garbageAfterAnInterimResponseIsNotHttp() {
		assertThat(judge(this.conversation, bytes("HTTP/1.1 100 Continue\r\n\r\nSSH-2.0"), false).detail())
			.startsWith("answered something that is not HTTP");
	}

	private String request(HostPort target, String path) {
		return StandardCharsets.US_ASCII.decode(this.conversation.request(target, path)).toString();
	}

}
