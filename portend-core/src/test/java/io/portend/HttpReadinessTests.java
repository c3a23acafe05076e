package io.portend;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static io.portend.Conversations.converse;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link HttpConversation} against the JDK's HTTP server: ready, not ready and redirecting paths.
 */
@Timeout(60)
class HttpReadinessTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(5);

	private final List<HttpExchange> requests = new CopyOnWriteArrayList<>();

	private final HttpServer server = start();

	@AfterEach
	void stopServer() {
		this.server.stop(0);
	}

	@Test
	void okIsReady() {
		assertThat(converse(HttpConversation.INSTANCE, address(), "/ready", TIMEOUT))
			.isEqualTo(Verdict.ready("answers 200 OK"));
	}

	@Test
	void serviceUnavailableIsNotReady() {
		assertThat(converse(HttpConversation.INSTANCE, address(), "/actuator/health/readiness", TIMEOUT))
			.isEqualTo(Verdict.notReady("answers 503 Service Unavailable"));
	}

	@Test
	void aRedirectIsReadyAndNotFollowed() {
		Verdict verdict = converse(HttpConversation.INSTANCE, address(), "/old", TIMEOUT);
		assertThat(verdict.state()).isEqualTo(Verdict.State.READY);
		// The JDK's server calls 302 "Temporary Redirect".
		assertThat(verdict.detail()).startsWith("answers 302 ");
		assertThat(this.requests).hasSize(1);
	}

	@Test
	void requestNamesPathHostAgentAndClose() {
		converse(HttpConversation.INSTANCE, address(), "/ready?probe=1", TIMEOUT);
		assertThat(this.requests).singleElement().satisfies((request) -> {
			assertThat(request.getRequestMethod()).isEqualTo("GET");
			assertThat(request.getRequestURI()).hasToString("/ready?probe=1");
			assertThat(request.getRequestHeaders().get("Host")).containsExactly("127.0.0.1:" + address().getPort());
			assertThat(request.getRequestHeaders().get("User-agent")).containsExactly("portend");
			assertThat(request.getRequestHeaders().get("Connection")).containsExactly("close");
		});
	}

	private InetSocketAddress address() {
		return this.server.getAddress();
	}

	private HttpServer start() {
		try {
			HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
			http.createContext("/ready", (exchange) -> answer(exchange, 200));
			http.createContext("/actuator/health/readiness", (exchange) -> answer(exchange, 503));
			http.createContext("/old", (exchange) -> {
				exchange.getResponseHeaders().add("Location", "/ready");
				answer(exchange, 302);
			});
			http.start();
			return http;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private void answer(HttpExchange exchange, int status) throws IOException {
		this.requests.add(exchange);
		exchange.sendResponseHeaders(status, -1);
		exchange.close();
	}

}
