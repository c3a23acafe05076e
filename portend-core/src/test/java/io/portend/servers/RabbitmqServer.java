package io.portend.servers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A real RabbitMQ from Debian's {@code rabbitmq-server} package, as a node of its own: its own
 * name, directories, Erlang cookie, AMQP port on 127.0.0.1, distribution port and {@code epmd}
 * port, all ephemeral, and host names looked up in {@code /etc/hosts} only (no DNS).
 * {@link #close()} stops the node and its {@code epmd}, and deletes the directory.
 */
public final class RabbitmqServer implements AutoCloseable {

	/** The broker's own start script: Debian's {@code /usr/sbin} one switches to the rabbitmq user. */
	private static final Path SERVER = Path.of("/usr/lib/rabbitmq/bin/rabbitmq-server");

	private static final Path EPMD = Path.of("/usr/bin/epmd");

	/** A first boot takes 10 to 20 seconds on two busy cores. */
	private static final Duration START_LIMIT = Duration.ofSeconds(120);

	private static final Duration STOP_LIMIT = Duration.ofSeconds(30);

	private final Path directory;

	private final int port;

	private final int epmdPort;

	private final ServerProcess process;

	private RabbitmqServer() {
		DebianPackages.require(SERVER, "rabbitmq-server");
		this.directory = Scratch.directory("portend-rabbitmq");
		this.port = Scratch.freePort();
		this.epmdPort = Scratch.freePort();
		ServerProcess started = null;
		try {
			Path home = Files.createDirectories(this.directory.resolve("home"));
			Path inetrc = Files.writeString(this.directory.resolve("inetrc"), "{lookup, [file]}.\n");
			Path plugins = Files.writeString(this.directory.resolve("enabled_plugins"), "[].\n");
			Map<String, String> environment = Map.ofEntries(Map.entry("HOME", home.toString()),
					Map.entry("RABBITMQ_CONF_ENV_FILE", this.directory.resolve("rabbitmq-env.conf").toString()),
					Map.entry("RABBITMQ_CONFIG_FILE", this.directory.resolve("rabbitmq").toString()),
					Map.entry("RABBITMQ_ADVANCED_CONFIG_FILE", this.directory.resolve("advanced.config").toString()),
					Map.entry("RABBITMQ_ENABLED_PLUGINS_FILE", plugins.toString()),
					Map.entry("RABBITMQ_NODENAME", "portend" + this.port + "@localhost"),
					Map.entry("RABBITMQ_NODE_IP_ADDRESS", "127.0.0.1"),
					Map.entry("RABBITMQ_NODE_PORT", String.valueOf(this.port)),
					Map.entry("RABBITMQ_DIST_PORT", String.valueOf(Scratch.freePort())),
					Map.entry("ERL_EPMD_PORT", String.valueOf(this.epmdPort)),
					Map.entry("ERL_INETRC", inetrc.toString()),
					Map.entry("RABBITMQ_MNESIA_BASE", this.directory.resolve("mnesia").toString()),
					Map.entry("RABBITMQ_LOG_BASE", this.directory.resolve("log").toString()),
					Map.entry("RABBITMQ_LOGS", logFile().toString()),
					Map.entry("RABBITMQ_PID_FILE", this.directory.resolve("pid").toString()));
			started = ServerProcess.start(List.of(SERVER.toString()), environment, this.directory.resolve("output.log"));
			Scratch.await(START_LIMIT, "accepting AMQP connections", () -> Scratch.accepts(address()),
					() -> ServerProcess.tail(this.directory.resolve("output.log")) + "\n" + log());
		}
		catch (IOException | RuntimeException ex) {
			if (started != null) {
				started.stop(STOP_LIMIT);
			}
			stopEpmd();
			Scratch.delete(this.directory);
			throw (ex instanceof IOException io) ? new UncheckedIOException(io) : (RuntimeException) ex;
		}
		this.process = started;
	}

	/**
	 * Starts a broker, returning once it accepts AMQP connections.
	 */
	public static RabbitmqServer start() {
		return new RabbitmqServer();
	}

	public InetSocketAddress address() {
		return new InetSocketAddress(InetAddress.getLoopbackAddress(), this.port);
	}

	/**
	 * Returns the node's log so far.
	 */
	public String log() {
		return ServerProcess.tail(logFile());
	}

	@Override
	public void close() {
		this.process.stop(STOP_LIMIT);
		stopEpmd();
		Scratch.delete(this.directory);
	}

	private Path logFile() {
		return this.directory.resolve("node.log");
	}

	/**
	 * Stops the {@code epmd} the node started on its own port, once the node is gone.
	 */
	private void stopEpmd() {
		if (Files.isExecutable(EPMD)) {
			Path log = this.directory.resolve("epmd.log");
			try {
				ServerProcess.run(List.of(EPMD.toString(), "-port", String.valueOf(this.epmdPort), "-kill"), Map.of(), log,
						STOP_LIMIT);
			}
			catch (IllegalStateException ex) {
				// None runs when the node failed before starting it.
			}
		}
	}

}
