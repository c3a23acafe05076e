package io.portend;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;
import io.portend.servers.Listener;
import io.portend.servers.Listeners;
import io.portend.servers.ScriptedPeer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * What {@link Checker} makes of a target with a protocol: ready only when the server answers
 * so, deadlines exact whatever the peer does, rejected conversations rate-limited, and free
 * meaning what it means for tcp. A real HTTP server (the JDK's) and scripted peers for the
 * misbehaving ones; the real database and broker servers are in each conversation's tests.
 */
class CheckerReadinessTests {

	private static final Duration GENEROUS = Duration.ofSeconds(5);

	@AutoClose
	final Listeners listeners = new Listeners();

	private final AtomicInteger requests = new AtomicInteger();

	private volatile int status = 200;

	private final HttpServer http = httpServer();

	@AfterEach
	void stopHttpServer() {
		this.http.stop(0);
	}

	@Test
	void readyServerIsOccupied() throws Exception {
		PortStatus status = new Checker().check(httpTarget());
		assertThat(status.occupied()).as(status.toString()).isTrue();
		assertThat(status.reason()).isEqualTo("ready: answers 200 OK (127.0.0.1)");
		new Checker().awaitOccupied(List.of(httpTarget()), GENEROUS);
	}

	@Test
	void openButNotReadyServerIsOpenNotOccupied() throws Exception {
		this.status = 503;
		PortStatus status = new Checker().check(httpTarget());
		assertThat(status.open()).as(status.toString()).isTrue();
		assertThat(status.occupied()).as(status.toString()).isFalse();
		assertThat(status).hasToString(httpTarget() + " not ready (open but not ready: answers 503 Service Unavailable)");
	}

	@Test
	void openButNotReadyServerIsNotOccupiedAndTheTimeoutSaysWhy() {
		this.status = 503;
		assertThatExceptionOfType(PortTimeoutException.class)
			.isThrownBy(() -> new Checker().awaitOccupied(List.of(httpTarget()), Duration.ofSeconds(1)))
			.withMessage("Not ready: %s (open but not ready: answers 503 Service Unavailable).", httpTarget());
	}

	@Test
	void roundTheDeadlineCutsShortDoesNotHideWhatTheServerSaidBefore() throws Exception {
		HttpServer stalling = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
		CountDownLatch release = new CountDownLatch(1);
		AtomicInteger requests = new AtomicInteger();
		stalling.createContext("/", (exchange) -> {
			if (requests.incrementAndGet() > 1) {
				// Every later answer takes longer than the wait has left.
				awaitQuietly(release);
			}
			exchange.sendResponseHeaders(503, -1);
			exchange.close();
		});
		ExecutorService handlers = Executors.newCachedThreadPool();
		stalling.setExecutor(handlers);
		stalling.start();
		try {
			HostPort target = new HostPort("127.0.0.1", stalling.getAddress().getPort()).withProtocol(Protocol.HTTP);
			assertThatExceptionOfType(PortTimeoutException.class)
				.isThrownBy(() -> new Checker(Duration.ofSeconds(30)).awaitOccupied(List.of(target), Duration.ofSeconds(1)))
				.withMessage("Not ready: %s (open but not ready: answers 503 Service Unavailable).", target);
			assertThat(requests).hasValueGreaterThanOrEqualTo(2);
		}
		finally {
			release.countDown();
			stalling.stop(0);
			handlers.shutdownNow();
		}
	}

	@Test
	void serverThatBecomesReadyEndsTheWait() throws Exception {
		this.status = 503;
		new Checker().awaitOccupied(List.of(httpTarget()), GENEROUS, (status) -> this.status = 200);
		assertThat(this.requests).hasValueGreaterThanOrEqualTo(2);
	}

	@Test
	void rejectedConversationsComeAtMostTwentyTimesASecond() {
		this.status = 503;
		assertThatExceptionOfType(PortTimeoutException.class)
			.isThrownBy(() -> new Checker().awaitOccupied(List.of(httpTarget()), Duration.ofSeconds(1)));
		// One conversation at the start, then one every 50 ms at most.
		assertThat(this.requests).hasValueBetween(2, 21);
	}

	@Test
	void openButNotReadyServerIsNotFree() {
		this.status = 503;
		// Free means that nothing accepts a connection, whatever the protocol.
		assertThatExceptionOfType(PortTimeoutException.class)
			.isThrownBy(() -> new Checker().awaitFree(List.of(httpTarget()), Duration.ofMillis(200)))
			.withMessage("Port %d not free on 127.0.0.1.", this.http.getAddress().getPort());
		assertThat(this.requests).as("conversations held to tell free").hasValue(0);
	}

	@Test
	void listenerThatAcceptsAndClosesIsNeverReady() throws Exception {
		Listener closing = this.listeners.closingAtOnce();
		for (Protocol protocol : List.of(Protocol.POSTGRESQL, Protocol.MYSQL, Protocol.REDIS, Protocol.KAFKA,
				Protocol.AMQP, Protocol.MONGODB, Protocol.HTTP)) {
			PortStatus status = new Checker().check(closing.target().withProtocol(protocol));
			assertThat(status.occupied()).as(status.toString()).isFalse();
			assertThat(status.reason()).as(protocol.toString())
				.isIn("open but not ready: closed without answering",
						"open but not ready: connection reset by the peer at once",
						"open but not ready: connection reset");
		}
	}

	@Test
	void peerThatAnswersGarbageIsNotReady() throws Exception {
		try (ScriptedPeer ssh = ScriptedPeer
			.answeringThenHolding("SSH-2.0-OpenSSH_9.2\r\n".getBytes(StandardCharsets.US_ASCII))) {
			PortStatus status = new Checker().check(target(ssh, Protocol.POSTGRESQL));
			assertThat(status.occupied()).as(status.toString()).isFalse();
			assertThat(status.reason()).startsWith("open but not ready: answered something that is not PostgreSQL");
		}
	}

	@Test
	void peerThatStallsHalfWayKeepsTheDeadlineExact() throws Exception {
		try (ScriptedPeer stalling = ScriptedPeer.answeringThenHolding("+PO".getBytes(StandardCharsets.US_ASCII))) {
			HostPort target = target(stalling, Protocol.REDIS);
			long start = System.nanoTime();
			assertThatExceptionOfType(PortTimeoutException.class)
				.isThrownBy(() -> new Checker(Duration.ofSeconds(10)).awaitOccupied(List.of(target),
						Duration.ofMillis(300)))
				.withMessageMatching("Not ready: redis://127\\.0\\.0\\.1:\\d+ "
						+ "\\(open but not ready: answered only in part within \\d+ ms: '\\+PO'\\)\\.");
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(300), GENEROUS);
		}
	}

	@Test
	void peerThatTalksForeverIsReadOnlyAsFarAsTheBound() throws Exception {
		try (ScriptedPeer talking = ScriptedPeer.answeringWithoutEnd("+".getBytes(StandardCharsets.US_ASCII), (byte) 'x')) {
			PortStatus status = new Checker().check(target(talking, Protocol.REDIS));
			assertThat(status.occupied()).as(status.toString()).isFalse();
			assertThat(status.reason()).startsWith("open but not ready: answer");
		}
	}

	private static void awaitQuietly(CountDownLatch latch) {
		try {
			latch.await(30, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static HostPort target(ScriptedPeer peer, Protocol protocol) {
		return new HostPort("127.0.0.1", peer.address().getPort()).withProtocol(protocol);
	}

	private HostPort httpTarget() {
		return new HostPort("127.0.0.1", this.http.getAddress().getPort()).withProtocol(Protocol.HTTP);
	}

	private HttpServer httpServer() {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
			server.createContext("/", (exchange) -> {
				this.requests.incrementAndGet();
				exchange.sendResponseHeaders(this.status, -1);
				exchange.close();
			});
			server.start();
			return server;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
