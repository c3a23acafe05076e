package io.portend.benchmarks;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

import com.sun.net.httpserver.HttpServer;
import io.portend.Checker;
import io.portend.HostPort;
import io.portend.PortStatus;
import io.portend.servers.KafkaServer;
import io.portend.servers.Listener;
import io.portend.servers.Listeners;
import io.portend.servers.MariadbServer;
import io.portend.servers.MongodbStandIn;
import io.portend.servers.PostgresqlServer;
import io.portend.servers.RabbitmqServer;
import io.portend.servers.RedisServer;
import org.opentest4j.TestAbortedException;

/**
 * B10: what one ready conversation costs on loopback, for each protocol, next to a bare TCP
 * check.
 */
final class ConversationCost {

	/** A ready server of one protocol, checked as {@code scheme://127.0.0.1:port}. */
	private record Server(String scheme, String what, HostPort target) {

	}

	/** A server being started, on a thread of its own. */
	private record Starting(String scheme, String what, Future<Started> server) {

	}

	/** A server started, and its port. */
	private record Started(AutoCloseable server, int port) {

	}

	private final Plan plan;

	private final ExecutorService starter = Executors.newCachedThreadPool();

	private final List<Starting> starting = new ArrayList<>();

	private final List<AutoCloseable> started = new ArrayList<>();

	private final List<Server> servers = new ArrayList<>();

	private final List<String> notMeasured = new ArrayList<>();

	ConversationCost(Plan plan) {
		this.plan = plan;
	}

	Figure measure() throws Exception {
		try {
			Listeners listeners = new Listeners();
			this.started.add(listeners);
			Listener tcp = listeners.closingAtOnce();
			start("postgresql", "PostgreSQL from Debian's package, a primary, which starts a process for each "
					+ "connection", PostgresqlServer::startPrimary,
					PostgresqlServer::address);
			start("mysql", "MariaDB from Debian's package, grant tables skipped", MariadbServer::startGreetingEveryone,
					MariadbServer::address);
			start("redis", "redis-server from Debian's package", RedisServer::start, RedisServer::address);
			start("kafka", "an Apache Kafka broker in KRaft mode, in the JVM that measures", KafkaServer::start,
					KafkaServer::address);
			start("amqp", "RabbitMQ from Debian's package", RabbitmqServer::start, RabbitmqServer::address);
			start("mongodb", "a Java stand-in speaking MongoDB's wire protocol: no MongoDB server is installable here",
					MongodbStandIn::serving, MongodbStandIn::address);
			start("http", "the JDK's HttpServer answering 200", ConversationCost::httpServer, HttpServerHandle::address);
			awaitStarted();
			return measure(new HostPort(Loopback.HOST, tcp.port()));
		}
		finally {
			this.starter.shutdown();
			stopAll();
		}
	}

	/** Stops every server started, even when one fails to stop: they are processes of their own. */
	private void stopAll() throws Exception {
		Collections.reverse(this.started);
		Exception failure = null;
		for (AutoCloseable server : this.started) {
			try {
				server.close();
			}
			catch (Exception ex) {
				if (failure == null) {
					failure = ex;
				}
				else {
					failure.addSuppressed(ex);
				}
			}
		}
		if (failure != null) {
			throw failure;
		}
	}

	private Figure measure(HostPort bareTcp) throws Exception {
		Checker checker = new Checker();
		List<Interleaved.Trial<Double>> checks = new ArrayList<>();
		checks.add(() -> millisToReady(checker, bareTcp));
		for (Server server : this.servers) {
			checks.add(() -> millisToReady(checker, server.target()));
		}
		int warmUps = this.plan.trials(100, 5);
		int trials = this.plan.trials(200, 5);
		Interleaved.run(warmUps, checks);
		List<Samples> samples = Interleaved.samples(trials, checks);
		Samples tcp = samples.get(0);
		List<Row> rows = new ArrayList<>();
		rows.add(new Row("bare TCP check, plain listener", "ms", tcp, null, "–", null));
		for (int i = 0; i < this.servers.size(); i++) {
			Samples protocol = samples.get(i + 1);
			rows.add(new Row(this.servers.get(i).scheme(), "ms", protocol, tcp,
					Report.number(protocol.median() / tcp.median()) + "× the bare TCP check (p50)", null));
		}
		StringBuilder method = new StringBuilder("Wall time of one new Checker().check(HostPort.parse("
				+ "\"scheme://127.0.0.1:PORT\")) in the calling thread (connect, the protocol's request, the "
				+ "reply judged ready, close) against a ready server on 127.0.0.1: ");
		for (Server server : this.servers) {
			method.append(server.scheme()).append(": ").append(server.what()).append("; ");
		}
		method.append("bare TCP check: new Checker().check(new HostPort(\"127.0.0.1\", PORT)) on a listener that "
				+ "accepts and closes (the reference column of every protocol row). After ").append(warmUps)
			.append(" untimed rounds, ").append(trials).append(" trials, each checking every server once, in "
					+ "rotating order.");
		if (!this.notMeasured.isEmpty()) {
			method.append(" Not measured: ").append(String.join("; ", this.notMeasured)).append('.');
		}
		return new Figure("B10", "Cost of one ready conversation", method.toString(), rows);
	}

	/**
	 * Starts a server on a thread of its own: the servers start at the same time.
	 */
	private <S extends AutoCloseable> void start(String scheme, String what, Callable<S> start,
			Function<S, InetSocketAddress> address) {
		this.starting.add(new Starting(scheme, what, this.starter.submit(() -> {
			S server = start.call();
			return new Started(server, address.apply(server).getPort());
		})));
	}

	/**
	 * Waits for every server to start, or notes that it is not installed: a fixture skips a server
	 * missing from the machine (and fails on CI, where {@code .ci/run} installs it).
	 * @throws Exception the first server's failure to start, once all have started or failed
	 */
	private void awaitStarted() throws Exception {
		Exception failure = null;
		for (Starting server : this.starting) {
			try {
				Started started = server.server().get();
				this.started.add(started.server());
				this.servers.add(new Server(server.scheme(), server.what(),
						HostPort.parse(server.scheme() + "://" + Loopback.HOST + ":" + started.port())));
			}
			catch (ExecutionException ex) {
				if (ex.getCause() instanceof TestAbortedException skipped) {
					this.notMeasured.add(server.scheme() + " (" + skipped.getMessage() + ")");
				}
				else if (failure == null) {
					failure = new IllegalStateException("Cannot start " + server.what() + ": " + ex.getCause(),
							ex.getCause());
				}
			}
		}
		if (failure != null) {
			throw failure;
		}
	}

	private static double millisToReady(Checker checker, HostPort target) throws InterruptedException {
		long start = System.nanoTime();
		PortStatus status = checker.check(target);
		long end = System.nanoTime();
		if (!status.occupied()) {
			throw new IllegalStateException(target + " is not ready: " + status.reason());
		}
		return (end - start) / 1e6;
	}

	private static HttpServerHandle httpServer() throws IOException {
		HttpServer server = HttpServer.create(new InetSocketAddress(Loopback.ADDRESS, 0), 50);
		byte[] body = "ok".getBytes(StandardCharsets.US_ASCII);
		server.createContext("/", (exchange) -> {
			exchange.sendResponseHeaders(200, body.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(body);
			}
		});
		server.start();
		return new HttpServerHandle(server, server.getAddress());
	}

	/** The JDK's HTTP server as a resource. */
	private record HttpServerHandle(HttpServer server, InetSocketAddress address) implements AutoCloseable {

		@Override
		public void close() {
			this.server.stop(0);
		}

	}

}
