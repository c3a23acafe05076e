package io.portend.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Random;

import io.portend.Checker;
import io.portend.HostPort;
import io.portend.PortStatus;
import io.portend.servers.PostgresqlServer;
import org.opentest4j.TestAbortedException;

/**
 * B9: how soon a wait notices that a PostgreSQL standby, which answers every connection with
 * 57P03, was promoted; how often portend converses with it meanwhile; and whether portend's
 * "ready" ever comes before the server takes a query.
 */
final class PostgresqlReadiness {

	private static final String ID = "B9";

	private static final String TITLE = "PostgreSQL readiness";

	private static final Duration WAIT_TIMEOUT = Duration.ofSeconds(30);

	private static final Duration RETURN_BOUND = Duration.ofSeconds(40);

	private static final Duration JDBC_INTERVAL = Duration.ofMillis(100);

	/** How long before the promotion the StartupMessage probe starts: it costs the server a process a millisecond. */
	private static final long PROBE_LEAD_MILLIS = 100;

	private static final long SEED = 9;

	/** One wait for the standby's promotion. */
	@FunctionalInterface
	private interface Wait {

		/**
		 * @param conversations where to add {@link System#nanoTime()} at each conversation the
		 * server rejected, if the wait tells
		 */
		void run(List<Long> conversations) throws Exception;

	}

	/**
	 * What one promotion showed.
	 * @param latencyMillis from the probe's first {@code R} to the wait's return
	 * @param conversationsPerSecond of the conversations the server rejected, or {@code NaN} if
	 * the wait does not tell or there were fewer than two
	 * @param queryFailure what a {@code select 1} right after the wait said, {@code null} if it
	 * answered 1 or was not run
	 */
	private record Promotion(double latencyMillis, double conversationsPerSecond, String queryFailure) {

	}

	private final Plan plan;

	private final Random random = new Random(SEED);

	PostgresqlReadiness(Plan plan) {
		this.plan = plan;
	}

	Figure measure() throws Exception {
		PostgresqlServer standby;
		try {
			standby = PostgresqlServer.startStandby();
		}
		catch (TestAbortedException ex) {
			// The fixture fails instead on CI, where .ci/run installs PostgreSQL.
			return new Figure(ID, TITLE, "Not measured: " + ex.getMessage() + ".", List.of());
		}
		int trials = this.plan.trials(20, 1);
		List<List<Promotion>> promotions;
		try (PostgresqlServer server = standby) {
			int port = server.address().getPort();
			HostPort target = HostPort.parse("postgresql://" + Loopback.HOST + ":" + port);
			JdbcWaits jdbc = new JdbcWaits("jdbc:postgresql://" + Loopback.HOST + ":" + port + "/postgres",
					PostgresqlServer.USER, PostgresqlServer.PASSWORD);
			Wait portend = (conversations) -> new Checker().awaitOccupied(List.of(target), WAIT_TIMEOUT,
					(status) -> rejected(status, conversations));
			Wait validator = (conversations) -> jdbc.startupValidator();
			Wait jdbcLoop = (conversations) -> jdbc.isValidLoop(JDBC_INTERVAL, WAIT_TIMEOUT, conversations);
			promotions = Interleaved.run(trials, List.of(() -> promote(server, portend, jdbc),
					() -> promote(server, validator, null), () -> promote(server, jdbcLoop, null)));
		}
		return figure(trials, promotions.get(0), promotions.get(1), promotions.get(2));
	}

	private static void rejected(PortStatus status, List<Long> conversations) {
		if (status.open() && !status.occupied()) {
			conversations.add(System.nanoTime());
		}
	}

	/**
	 * Starts the wait on a standby, promotes it after a random delay, and makes it a standby again.
	 * @param query where to run {@code select 1} as soon as the wait returned, or {@code null}
	 */
	private Promotion promote(PostgresqlServer server, Wait wait, JdbcWaits query) throws Exception {
		List<Long> conversations = new ArrayList<>();
		Waiter waiter = Waiter.start(() -> wait.run(conversations));
		Thread.sleep(delayMillis() - PROBE_LEAD_MILLIS);
		try (StartupProbe probe = StartupProbe.start(server.address().getPort())) {
			Thread.sleep(PROBE_LEAD_MILLIS);
			server.promote();
			long readyAt = probe.awaitReady(RETURN_BOUND);
			long returnedAt = waiter.awaitReturn(RETURN_BOUND);
			String queryFailure = (query != null) ? query.selectOne() : null;
			server.restartAsStandby();
			return new Promotion((returnedAt - readyAt) / 1e6, perSecond(conversations), queryFailure);
		}
	}

	/** Long enough for several of portend's conversations, random to every phase of its rounds. */
	private long delayMillis() {
		return this.plan.quick() ? 400 : 1000 + this.random.nextInt(500);
	}

	/** The inverse of the mean time between them. */
	private static double perSecond(List<Long> conversations) {
		int count = conversations.size();
		return (count < 2) ? Double.NaN
				: (count - 1) / ((conversations.get(count - 1) - conversations.get(0)) / 1e9);
	}

	private Figure figure(int trials, List<Promotion> portend, List<Promotion> validator, List<Promotion> jdbcLoop) {
		Samples latency = latencies(portend);
		Samples validatorLatency = latencies(validator);
		Samples jdbcLatency = latencies(jdbcLoop);
		Samples rate = rates(portend);
		List<String> queryFailures = portend.stream().map(Promotion::queryFailure).filter(Objects::nonNull).toList();
		List<Row> rows = List.of(
				new Row("ready → return; reference: DatabaseStartupValidator (1 s)", "ms", latency, validatorLatency,
						Row.timesBetter(latency, validatorLatency), new Goal().atMost("p50", latency.median(), 30, " ms")),
				new Row("ready → return; reference: JDBC isValid loop (100 ms)", "ms", latency, jdbcLatency,
						Row.timesBetter(latency, jdbcLatency), null),
				new Row("conversations a second while 57P03; reference: JDBC isValid loop", "/s", rate, rates(jdbcLoop),
						"–", new Goal().atMost("max", rate.max(), 20, " /s")),
				new Row("select 1 failed right after portend's return", "of " + trials,
						Samples.of(List.of((double) queryFailures.size())), null,
						queryFailures.isEmpty() ? "–" : String.join("; ", queryFailures),
						new Goal().atMost("failed", queryFailures.size(), 0, "")));
		String method = "A real PostgreSQL (Debian's package, initdb with scram-sha-256 for 127.0.0.1) runs as a "
				+ "standby with hot_standby = off (an empty standby.signal): it answers every StartupMessage with "
				+ "57P03. A wait starts on a thread of its own; after a random " + (this.plan.quick() ? "0.4" : "1.0–1.5")
				+ " s the benchmark runs `pg_ctl promote -w`. From " + PROBE_LEAD_MILLIS + " ms before that, a "
				+ "probe in the benchmark (StartupProbe) loops every 1 ms, one attempt at a time: it opens a "
				+ "plain socket, sends its own StartupMessage, reads the first byte of the reply (`E`: 57P03, `R`: "
				+ "ready) and closes (overlapping attempts would queue before the wait's own at the server, which "
				+ "starts a process for each). The server became ready between the start of the last attempt "
				+ "answered `E` and the reading of the first `R`; the moment it was seen ready is the start of "
				+ "that first attempt answered `R` (off by at most one attempt's time, B10's postgresql row, "
				+ "either way; its reading would always be one late). Latency: from that moment to the wait's "
				+ "return, which includes the wait's own last conversation. portend: new Checker().awaitOccupied(List.of(HostPort.parse(\"postgresql://127.0.0.1:"
				+ "PORT\")), 30 s, progress). Reference: Spring's DatabaseStartupValidator at its defaults (a "
				+ "connection and Connection.isValid every 1 s) and a loop opening a connection and asking "
				+ "Connection.isValid(1), pausing 100 ms after each failure, both on a SimpleDriverDataSource with "
				+ "the PostgreSQL JDBC driver. Conversations a second: among the rounds of the wait before it "
				+ "returned, those the progress callback reports open but not ready (each one StartupMessage "
				+ "answered 57P03, which PostgreSQL logs as a FATAL line), timed as the callback runs, as "
				+ "(count − 1) ÷ the time from the first to the last; the same for the JDBC loop's failed "
				+ "connections, timed as each failed. Right after each of portend's "
				+ "returns, a new JDBC connection runs `select 1`, which must answer 1. Then the server is made a "
				+ "standby again (standby.signal, `pg_ctl restart -m fast`). " + trials + " trials, each "
				+ "promoting once for each of the three waits, in rotating order.";
		return new Figure(ID, TITLE, method, rows);
	}

	private static Samples latencies(List<Promotion> promotions) {
		return Samples.of(promotions.stream().map(Promotion::latencyMillis).toList());
	}

	private static Samples rates(List<Promotion> promotions) {
		List<Double> rates = promotions.stream()
			.map(Promotion::conversationsPerSecond)
			.filter((rate) -> !rate.isNaN())
			.toList();
		if (rates.isEmpty()) {
			throw new IllegalStateException("No wait conversed twice with the standby before its promotion.");
		}
		return Samples.of(rates);
	}

}
