package io.portend.sample;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.portend.Checker;
import io.portend.HostPort;
import io.portend.Portend;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Runs the packaged application as its users do, {@code java -jar}: with its own demo database,
 * or against a real PostgreSQL server that this test starts, stops and starts again on loopback.
 */
class SampleAppIntegrationTests {

	/** Generous: this may be a loaded machine with two cores. */
	private static final Duration START_UP = Duration.ofSeconds(60);

	private static final Duration HEALTH_CHANGE = Duration.ofSeconds(30);

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final JsonMapper json = JsonMapper.builder().build();

	private final int httpPort = Portend.findAvailableLocalPort();

	private final int dbPort = freePortOtherThan(this.httpPort);

	private final String dbAddress = "127.0.0.1:" + this.dbPort;

	@TempDir
	private Path data;

	private TestDatabase database;

	@AfterEach
	void stopDatabase() throws IOException {
		if (this.database != null) {
			this.database.close();
		}
	}

	@Test
	void waitsForTheDemoDatabaseRefusedThenOpenButNotReadyThenServesRealRows() throws Exception {
		// Several of portend's "Still waiting" lines fall in the demo's 8 s of not ready even on a
		// slow machine; at the default 5 s between two of them, one or two do.
		try (SampleAppProcess app = SampleAppProcess.startWithDemoDatabase(this.httpPort,
				"--portend.progress-interval=1s")) {
			int demoPort = awaitDemoDatabasePort(app);
			String target = "database (postgresql://127.0.0.1:" + demoPort + ")";
			String waiting = app.awaitLine("a line naming the awaited " + target,
					(line) -> line.contains(target), START_UP);
			assertThat(accepts(this.httpPort)).as("HTTP port open while the log says: %s", waiting).isFalse();

			awaitStarted(app);
			assertThat(app.output()).containsSubsequence(target + ": connection refused",
					"Demo database: PostgreSQL is up but not ready", target + ": open but not ready: 57P03",
					"Demo database: promoting PostgreSQL", target + " is up after", "Started SampleApplication");
			JsonNode portend = get("/actuator/health").at("/components/portend");
			assertThat(portend.path("status").asString()).isEqualTo("UP");
			assertThat(portend.at("/details/database/state").asString()).isEqualTo("OCCUPIED");
			assertServesRealRows();

			app.close();
			assertThat(app.output()).contains("Demo database: PostgreSQL stopped");
			assertThat(accepts(demoPort)).as("the demo database is still running after the application").isFalse();
		}
	}

	@Test
	void stopsTheDemoDatabaseWhenTerminatedWhileItIsNotReady() throws Exception {
		try (SampleAppProcess app = SampleAppProcess.startWithDemoDatabase(this.httpPort,
				"--sample.demo-database.start-delay=0s", "--sample.demo-database.not-ready-for=60s")) {
			int demoPort = awaitDemoDatabasePort(app);
			app.awaitLine("the demo database up but not ready",
					(line) -> line.contains("Demo database: PostgreSQL is up but not ready"), START_UP);
			assertThat(accepts(demoPort)).as("the demo database accepts connections").isTrue();

			app.process().destroy();
			assertThat(app.process().waitFor(30, TimeUnit.SECONDS)).as("exited").isTrue();
			assertThat(accepts(demoPort)).as("the demo database is still running after the application").isFalse();
		}
	}

	private void assertServesRealRows() throws IOException, InterruptedException {
		String text = "hello from port " + this.httpPort;
		HttpResponse<String> created = post("/greetings", "{\"text\": \"" + text + "\"}");
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		JsonNode greeting = this.json.readTree(created.body());
		assertThat(greeting.path("text").asString()).isEqualTo(text);
		assertThat(greeting.path("createdAt").asString()).isNotEmpty();
		String location = created.headers().firstValue("Location").orElseThrow();
		assertThat(this.json.readTree(send(HttpRequest.newBuilder(URI.create(location))).body()))
			.isEqualTo(greeting);
		assertThat(get("/greetings").valueStream()).contains(greeting);
		assertThat(post("/greetings", "{\"text\": \" \"}").statusCode()).isEqualTo(400);
	}

	@Test
	void isNotReadyWhileTheDatabaseIsDownAndRecoversWithoutRestart() throws Exception {
		startDatabase();
		try (SampleAppProcess app = SampleAppProcess.start(this.httpPort, this.dbPort)) {
			awaitStarted(app);
			assertThat(status("/actuator/health/readiness")).isEqualTo(200);

			this.database.stop();
			awaitStatus("/actuator/health/readiness", 503);
			assertThat(status("/actuator/health/liveness")).isEqualTo(200);
			JsonNode portend = get("/actuator/health/portend");
			assertThat(portend.path("status").asString()).isEqualTo("DOWN");
			assertThat(portend.at("/details/database/state").asString()).isEqualTo("FREE");

			startDatabase();
			awaitStatus("/actuator/health/readiness", 200);
			assertThat(status("/actuator/health/liveness")).isEqualTo(200);
			assertThat(get("/actuator/health/portend").path("status").asString()).isEqualTo("UP");
			assertThat(status("/greetings")).as("the connection pool reconnected").isEqualTo(200);
		}
	}

	@Test
	void failsWithAnExplanationWhenTheDatabaseNeverComes() throws Exception {
		try (SampleAppProcess app = SampleAppProcess.start(this.httpPort, this.dbPort, "--portend.timeout=3s")) {
			awaitWaitingLine(app);
			assertThat(app.process().waitFor(30, TimeUnit.SECONDS)).as("exited").isTrue();
			assertThat(app.process().exitValue()).isNotZero();
			String output = app.output();
			int report = output.indexOf("APPLICATION FAILED TO START");
			assertThat(report).as(output).isPositive();
			assertThat(output.substring(0, report)).as("no stack trace before the explanation").doesNotContain("\tat ");
			assertThat(output.substring(report)).containsSubsequence("Description:", "database", this.dbAddress,
					"Action:");
		}
	}

	@Test
	void stopsPromptlyWhenTerminatedWhileWaiting() throws Exception {
		try (SampleAppProcess app = SampleAppProcess.start(this.httpPort, this.dbPort)) {
			awaitWaitingLine(app);
			Process process = app.process();
			List<ProcessHandle> family = Stream.concat(Stream.of(process.toHandle()), process.descendants()).toList();
			long terminated = System.nanoTime();
			process.destroy();
			assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("exited").isTrue();
			Duration took = Duration.ofNanos(System.nanoTime() - terminated);
			assertThat(took).as(app.output()).isLessThanOrEqualTo(Duration.ofSeconds(2));
			assertThat(family).noneMatch(ProcessHandle::isAlive);
		}
	}

	@Test
	void runsItsAheadOfTimeProcessedContext() throws Exception {
		// The packaged jar holds what spring-boot:process-aot generated at build time, without waiting.
		try (SampleAppProcess app = SampleAppProcess.start(List.of("-Dspring.aot.enabled=true"), this.httpPort,
				this.dbPort)) {
			app.awaitLine("'Starting AOT-processed SampleApplication'",
					(line) -> line.contains("Starting AOT-processed SampleApplication"), START_UP);
			String waiting = awaitWaitingLine(app);
			assertThat(accepts(this.httpPort)).as("HTTP port open while the log says: %s", waiting).isFalse();

			startDatabase();
			awaitStarted(app);
			JsonNode portend = get("/actuator/health").at("/components/portend");
			assertThat(portend.path("status").asString()).isEqualTo("UP");
			assertThat(portend.at("/details/database/address").asString()).isEqualTo("postgresql://" + this.dbAddress);
			assertThat(portend.at("/details/database/state").asString()).isEqualTo("OCCUPIED");
			assertThat(get("/actuator/metrics/portend.startup.wait").at("/measurements/0/value").asDouble())
				.isPositive();
			assertThat(status("/greetings")).isEqualTo(200);
		}
	}

	@Test
	void exposesTheMetersAndTheObservationOfTheStartUpWait() throws Exception {
		startDatabase();
		try (SampleAppProcess app = SampleAppProcess.start(this.httpPort, this.dbPort)) {
			awaitStarted(app);
			assertThat(get("/actuator/metrics/portend.target.occupied?tag=target:database")
				.at("/measurements/0/value")
				.asDouble()).isOne();
			assertThat(get("/actuator/metrics/portend.startup.wait").at("/measurements/0/value").asDouble())
				.isPositive();
			JsonNode target = get("/actuator/metrics/portend.startup.target?tag=target:database&tag=outcome:up");
			assertThat(target.at("/measurements/0/statistic").asString()).isEqualTo("COUNT");
			assertThat(target.at("/measurements/0/value").asDouble()).isOne();
			assertThat(get("/actuator/metrics/portend.startup").at("/measurements/0/value").asDouble()).isOne();
		}
	}

	@Test
	void discoversTheDatabaseFromSpringsOwnSettings(@TempDir Path directory) throws Exception {
		// Replaces the packaged application.yml: no portend.wait-for at all, only discovery.
		Path settings = Files.writeString(directory.resolve("application.yml"), """
				spring.datasource:
				  url: jdbc:postgresql://${DB_HOST}:${DB_PORT}/postgres
				  username: postgres
				portend.discover: true
				management.endpoint.health.show-details: always
				""");
		try (SampleAppProcess app = SampleAppProcess.start(this.httpPort, this.dbPort,
				"--spring.config.location=file:" + settings)) {
			app.awaitLine("a line naming the discovered datasource and " + this.dbAddress,
					(line) -> line.contains("datasource") && line.contains(this.dbAddress), START_UP);
			assertThat(accepts(this.httpPort)).isFalse();

			startDatabase();
			awaitStarted(app);
			JsonNode details = get("/actuator/health").at("/components/portend/details");
			assertThat(details.at("/datasource/address").asString()).contains(this.dbAddress);
			assertThat(details.at("/datasource/state").asString()).isEqualTo("OCCUPIED");
			assertThat(details.has("database")).isFalse();
			assertThat(status("/greetings")).isEqualTo(200);
		}
	}

	private String awaitWaitingLine(SampleAppProcess app) throws InterruptedException {
		return app.awaitLine("a line naming the awaited database and " + this.dbAddress,
				(line) -> line.contains("database") && line.contains(this.dbAddress), START_UP);
	}

	private void awaitStarted(SampleAppProcess app) throws InterruptedException {
		app.awaitLine("'Started SampleApplication'", (line) -> line.contains("Started SampleApplication"), START_UP);
	}

	private int awaitDemoDatabasePort(SampleAppProcess app) throws InterruptedException {
		Pattern listening = Pattern.compile("Demo database: PostgreSQL will listen on 127\\.0\\.0\\.1:(\\d+) ");
		Matcher matcher = listening.matcher(app.awaitLine("the demo database's address",
				(line) -> listening.matcher(line).find(), START_UP));
		assertThat(matcher.find()).isTrue();
		return Integer.parseInt(matcher.group(1));
	}

	/** Starts the database, or starts it again with the data it had. */
	private void startDatabase() throws IOException {
		if (this.database == null) {
			this.database = new TestDatabase(this.dbPort, this.data);
		}
		this.database.start();
	}

	private boolean accepts(int port) throws InterruptedException {
		return new Checker(Duration.ofSeconds(1)).check(new HostPort("127.0.0.1", port)).occupied();
	}

	/** Polls until the path answers with the status: the health checks run on each request. */
	private void awaitStatus(String path, int expected) throws IOException, InterruptedException {
		long deadline = System.nanoTime() + HEALTH_CHANGE.toNanos();
		int actual;
		while ((actual = status(path)) != expected) {
			if (System.nanoTime() > deadline) {
				fail("%s answered %d, not %d, for %s", path, actual, expected, HEALTH_CHANGE);
			}
			TimeUnit.MILLISECONDS.sleep(100); // the poll interval, to leave the two cores to the application
		}
	}

	private int status(String path) throws IOException, InterruptedException {
		return send(request(path)).statusCode();
	}

	private JsonNode get(String path) throws IOException, InterruptedException {
		HttpResponse<String> response = send(request(path));
		assertThat(response.statusCode()).as("GET %s: %s", path, response.body()).isIn(200, 503);
		return this.json.readTree(response.body());
	}

	private HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
		return send(request(path).header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body)));
	}

	private HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.httpPort + path));
	}

	private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
		return this.http.send(request.timeout(Duration.ofSeconds(10)).build(), BodyHandlers.ofString());
	}

	private static int freePortOtherThan(int taken) {
		for (int attempt = 0; attempt < 10; attempt++) {
			int port = Portend.findAvailableLocalPort();
			if (port != taken) {
				return port;
			}
		}
		throw new IllegalStateException("The system keeps offering port " + taken);
	}

}
