package io.portend.sample;

import java.io.IOException;
import java.nio.file.Path;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL server for a test, on 127.0.0.1 at a port the test chose, that keeps its data
 * from one {@link #start()} to the next: a database that goes away and comes back.
 */
final class TestDatabase implements AutoCloseable {

	private final int port;

	private final Path data;

	private EmbeddedPostgres server;

	/**
	 * Creates a stopped database.
	 * @param port the port to listen on
	 * @param data the data directory, initialised on the first start
	 */
	TestDatabase(int port, Path data) {
		this.port = port;
		this.data = data;
	}

	/** Starts the server and returns once it answers a query. */
	void start() throws IOException {
		this.server = EmbeddedPostgres.builder()
			.setPort(this.port)
			.setDataDirectory(this.data)
			.setCleanDataDirectory(false)
			.setServerConfig("listen_addresses", "127.0.0.1")
			.setLocaleConfig("locale", "C")
			.setRegisterShutdownHook(false)
			.start();
	}

	/** Stops the server (fast shutdown: open connections end). */
	void stop() throws IOException {
		this.server.close();
		this.server = null;
	}

	@Override
	public void close() throws IOException {
		if (this.server != null) {
			stop();
		}
	}

}
