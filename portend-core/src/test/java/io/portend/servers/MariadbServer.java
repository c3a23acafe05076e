package io.portend.servers;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A real MariaDB from Debian's {@code mariadb-server} package, in a directory of its own with a
 * data directory made by {@code mariadb-install-db}, on an ephemeral port of 127.0.0.1, with
 * {@code skip-name-resolve}. Its accounts are those {@code mariadb-install-db} makes, all for
 * {@code localhost}, so that a connection from 127.0.0.1 is refused before the greeting (ERR 1130)
 * unless the grant tables are skipped. {@link #close()} stops it and deletes its directory.
 */
public final class MariadbServer implements AutoCloseable {

	private static final Path SERVER = Path.of("/usr/sbin/mariadbd");

	private static final Path INSTALL_DB = Path.of("/usr/bin/mariadb-install-db");

	private static final Duration START_LIMIT = Duration.ofSeconds(60);

	private final Path directory;

	private final int port;

	private final ServerProcess process;

	private MariadbServer(boolean grantTables) {
		DebianPackages.require(SERVER, "mariadb-server");
		DebianPackages.require(INSTALL_DB, "mariadb-server");
		this.directory = Scratch.directory("portend-mariadb");
		this.port = Scratch.freePort();
		String user = "--user=" + System.getProperty("user.name");
		String data = "--datadir=" + this.directory.resolve("data");
		Path log = this.directory.resolve("server.log");
		ServerProcess started = null;
		try {
			ServerProcess.run(List.of(INSTALL_DB.toString(), "--no-defaults", user, data, "--skip-test-db"), Map.of(),
					this.directory.resolve("install.log"), START_LIMIT);
			List<String> command = new ArrayList<>(List.of(SERVER.toString(), "--no-defaults", user, data,
					"--bind-address=127.0.0.1", "--port=" + this.port, "--socket=" + this.directory.resolve("sock"),
					"--pid-file=" + this.directory.resolve("pid"), "--log-error=" + log, "--skip-log-bin",
					"--skip-name-resolve", "--innodb-buffer-pool-size=32M"));
			if (!grantTables) {
				command.add("--skip-grant-tables");
			}
			started = ServerProcess.start(command, Map.of(), this.directory.resolve("output.log"));
			Scratch.await(START_LIMIT, "ready for connections", () -> Scratch.contains(log, "ready for connections"),
					() -> ServerProcess.tail(log));
		}
		catch (RuntimeException ex) {
			if (started != null) {
				started.stop(START_LIMIT);
			}
			Scratch.delete(this.directory);
			throw ex;
		}
		this.process = started;
	}

	/**
	 * Starts a server that greets every connection: its grant tables are skipped.
	 */
	public static MariadbServer startGreetingEveryone() {
		return new MariadbServer(false);
	}

	/**
	 * Starts a server that has no account for 127.0.0.1: it answers a connection from there
	 * with ERR 1130 "Host '127.0.0.1' is not allowed to connect", instead of its greeting.
	 */
	public static MariadbServer startRefusingLoopback() {
		return new MariadbServer(true);
	}

	public InetSocketAddress address() {
		return new InetSocketAddress(InetAddress.getLoopbackAddress(), this.port);
	}

	/**
	 * Returns the server's error log so far.
	 */
	public String log() {
		return ServerProcess.tail(this.directory.resolve("server.log"));
	}

	@Override
	public void close() {
		this.process.stop(START_LIMIT);
		Scratch.delete(this.directory);
	}

}
