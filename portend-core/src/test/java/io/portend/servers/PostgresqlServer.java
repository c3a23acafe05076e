package io.portend.servers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A real PostgreSQL from Debian's {@code postgresql} package, in a directory of its own, on an
 * ephemeral port of 127.0.0.1 (no Unix socket). As root it runs as the {@code postgres} user:
 * PostgreSQL refuses to run as root. {@link #close()} stops it and deletes its directory.
 *
 * <p>An embedded PostgreSQL served from Maven would need no package, but its start insists on a
 * first successful JDBC connection, which a standby that accepts none never gives.
 */
public final class PostgresqlServer implements AutoCloseable {

	/** The superuser, whose password is {@link #PASSWORD} for connections over TCP. */
	public static final String USER = "postgres";

	public static final String PASSWORD = "portend-test";

	private static final Path VERSIONS = Path.of("/usr/lib/postgresql");

	private static final Duration COMMAND_LIMIT = Duration.ofSeconds(60);

	private final Path bin;

	private final Path directory;

	private final Path data;

	private final Path log;

	private final int port;

	private PostgresqlServer(boolean standby, String hbaRule) {
		this.bin = binaries();
		this.directory = Scratch.directory("portend-postgresql");
		this.data = this.directory.resolve("data");
		this.log = this.directory.resolve("server.log");
		this.port = Scratch.freePort();
		try {
			ownByServerUser(this.directory);
			Path password = this.directory.resolve("password");
			Files.writeString(password, PASSWORD + "\n");
			ownByServerUser(password);
			run("initdb", "-D", this.data.toString(), "-U", USER, "--auth-local=trust",
					"--auth-host=scram-sha-256", "--pwfile=" + password, "--no-sync", "-E", "UTF8", "--locale=C.UTF-8");
			Files.writeString(this.data.resolve("pg_hba.conf"), hbaRule + "\n");
			if (standby) {
				Path signal = Files.createFile(this.data.resolve("standby.signal"));
				ownByServerUser(signal);
			}
			run("pg_ctl", "-D", this.data.toString(), "-l", this.log.toString(), "-w", "-t", "60", "-o",
					"-c listen_addresses=127.0.0.1 -p " + this.port + " -c unix_socket_directories='' -c fsync=off"
							+ (standby ? " -c hot_standby=off" : ""),
					"start");
		}
		catch (IOException | RuntimeException ex) {
			close();
			throw (ex instanceof IOException io) ? new UncheckedIOException(io) : (RuntimeException) ex;
		}
	}

	/**
	 * Starts a primary, which answers a StartupMessage with an authentication request.
	 */
	public static PostgresqlServer startPrimary() {
		return new PostgresqlServer(false, "host all all 127.0.0.1/32 scram-sha-256");
	}

	/**
	 * Starts a standby with {@code hot_standby = off}: it answers every StartupMessage with
	 * 57P03 "the database system is not accepting connections" until {@link #promote()}.
	 */
	public static PostgresqlServer startStandby() {
		return new PostgresqlServer(true, "host all all 127.0.0.1/32 scram-sha-256");
	}

	/**
	 * Starts a primary whose {@code pg_hba.conf} rejects every connection from 127.0.0.1: it
	 * answers a StartupMessage with 28000 "pg_hba.conf rejects connection".
	 */
	public static PostgresqlServer startRejectingEveryone() {
		return new PostgresqlServer(false, "host all all 127.0.0.1/32 reject");
	}

	/**
	 * Promotes a standby to primary, returning once it accepts connections.
	 */
	public void promote() {
		run("pg_ctl", "-D", this.data.toString(), "-w", "-t", "60", "promote");
		// pg_ctl returns once the server left recovery; the postmaster takes connections a moment
		// later, when it marks itself ready in postmaster.pid (standby until then).
		Scratch.await(COMMAND_LIMIT, "accepting connections after the promotion",
				() -> Scratch.contains(this.data.resolve("postmaster.pid"), "ready"), this::log);
	}

	/**
	 * Makes a primary (a promoted standby) a standby again: restarts it, with the options it was
	 * started with, after putting back {@code standby.signal}. Returns once it answers 57P03.
	 */
	public void restartAsStandby() {
		try {
			ownByServerUser(Files.createFile(this.data.resolve("standby.signal")));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		// A fast stop checkpoints: the start needs no crash recovery. Read only at start, the signal
		// file does not disturb the server before.
		run("pg_ctl", "-D", this.data.toString(), "-l", this.log.toString(), "-w", "-t", "60", "-m", "fast",
				"restart");
	}

	public InetSocketAddress address() {
		return new InetSocketAddress(InetAddress.getLoopbackAddress(), this.port);
	}

	/**
	 * Returns the server's log so far.
	 */
	public String log() {
		return ServerProcess.tail(this.log);
	}

	@Override
	public void close() {
		try {
			if (Files.exists(this.data.resolve("postmaster.pid"))) {
				run("pg_ctl", "-D", this.data.toString(), "-w", "-t", "60", "-m", "immediate", "stop");
			}
		}
		finally {
			Scratch.delete(this.directory);
		}
	}

	private void run(String binary, String... arguments) {
		List<String> command = new ArrayList<>();
		if (isRoot()) {
			command.addAll(List.of("runuser", "-u", "postgres", "--"));
		}
		command.add(this.bin.resolve(binary).toString());
		command.addAll(List.of(arguments));
		ServerProcess.run(command, Map.of(), this.directory.resolve("commands.log"), COMMAND_LIMIT);
	}

	/**
	 * Returns the newest installed version's binaries, or fails or skips the test without them.
	 */
	private static Path binaries() {
		Path newest = VERSIONS.resolve("VERSION").resolve("bin");
		if (Files.isDirectory(VERSIONS)) {
			try (Stream<Path> versions = Files.list(VERSIONS)) {
				newest = versions.filter((version) -> Files.isExecutable(version.resolve("bin/pg_ctl")))
					.max((a, b) -> Integer.compare(majorVersion(a), majorVersion(b)))
					.map((version) -> version.resolve("bin"))
					.orElse(newest);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
		return DebianPackages.require(newest.resolve("pg_ctl"), "postgresql").getParent();
	}

	private static int majorVersion(Path version) {
		String name = version.getFileName().toString();
		return name.chars().allMatch(Character::isDigit) ? Integer.parseInt(name) : -1;
	}

	private static boolean isRoot() {
		return "root".equals(System.getProperty("user.name"));
	}

	private static void ownByServerUser(Path path) throws IOException {
		if (isRoot()) {
			UserPrincipal postgres = path.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("postgres");
			Files.setOwner(path, postgres);
		}
	}

}
