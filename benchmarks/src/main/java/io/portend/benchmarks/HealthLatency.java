package io.portend.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.portend.Portend;
import io.portend.benchmarks.boot.BenchApplication;
import io.portend.servers.Listener;
import io.portend.servers.Listeners;

/**
 * B8: the latency of the health endpoint while some targets drop connection attempts.
 */
final class HealthLatency {

	private static final int TARGETS = 100;

	private static final int DROPPING = 10;

	private static final Duration CONNECT_TIMEOUT = Duration.ofMillis(250);

	/**
	 * Longer than the age up to which the health indicator answers from the last round of checks
	 * (PortendHealthIndicator.MAX_AGE, 1 s): every timed request makes a fresh round.
	 */
	private static final Duration PAUSE = Duration.ofMillis(1100);

	private final Plan plan;

	private final BootApplications applications;

	HealthLatency(Plan plan) {
		this.plan = plan;
		this.applications = new BootApplications(plan);
	}

	Figure measure() throws Exception {
		int requests = this.plan.trials(15, 2);
		List<Double> latencies = new ArrayList<>();
		try (Listeners listeners = new Listeners()) {
			List<Listener> listening = listeners.closingAtOnce(TARGETS);
			int port = Portend.findAvailableLocalPort();
			List<String> arguments = new ArrayList<>(List.of("--server.address=" + Loopback.HOST,
					"--server.port=" + port, "--management.endpoint.health.show-components=always",
					"--portend.connect-timeout=" + CONNECT_TIMEOUT.toMillis() + "ms"));
			for (int i = 0; i < listening.size(); i++) {
				arguments.add("--portend.wait-for.target" + i + "=" + listening.get(i).target());
			}
			Jvm.Started application = Jvm.startUntil(this.applications.withStarter(arguments),
					BenchApplication.READY);
			try {
				listening.subList(0, DROPPING).forEach(Listener::blackhole);
				URI health = URI.create("http://" + Loopback.HOST + ":" + port + "/actuator/health");
				// Untimed: the first request initialises the dispatcher servlet.
				get(health);
				for (int i = 0; i < requests; i++) {
					Thread.sleep(PAUSE.toMillis());
					latencies.add(get(health));
				}
			}
			finally {
				Jvm.stop(application.process());
			}
		}
		Samples samples = Samples.of(latencies);
		String method = "A running Spring Boot web application (" + BenchApplication.class.getSimpleName()
				+ ", Tomcat, actuator) with the starter and " + TARGETS + " targets in portend.wait-for, "
				+ "portend.connect-timeout=" + CONNECT_TIMEOUT.toMillis() + "ms; after it started, " + DROPPING
				+ " of the targets stop accepting and drop connection attempts (full backlog). Time of a real HTTP "
				+ "GET /actuator/health (HttpURLConnection, new connection each time, body read to the end, status "
				+ "503 DOWN expected), every " + PAUSE.toMillis() + " ms so that each makes a fresh round of checks "
				+ "(the indicator reuses a round up to 1 s old). After one untimed request, " + requests
				+ " requests. No reference.";
		return new Figure("B8", "Health endpoint latency", method,
				List.of(new Row(TARGETS + " targets, " + DROPPING + " dropping", "ms", samples, null, "–",
						new Goal().atMost("max", samples.max(), CONNECT_TIMEOUT.toMillis() + 50, " ms"))));
	}

	/**
	 * @return milliseconds from opening the connection to the end of the body
	 */
	private static double get(URI uri) throws IOException {
		long start = System.nanoTime();
		HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
		try {
			connection.setConnectTimeout(10_000);
			connection.setReadTimeout(30_000);
			int status = connection.getResponseCode();
			String body;
			try (InputStream in = (status < 400) ? connection.getInputStream() : connection.getErrorStream()) {
				body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
			}
			double millis = (System.nanoTime() - start) / 1e6;
			if (status != 503 || !body.contains("\"portend\"") || !body.contains("DOWN")) {
				throw new IllegalStateException("GET " + uri + " answered " + status + " " + body
						+ "; expected 503 with the portend component DOWN.");
			}
			return millis;
		}
		finally {
			connection.disconnect();
		}
	}

}
