package io.portend.servers;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

import kafka.server.BrokerServer;
import kafka.server.ControllerServer;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.server.Server;
import kafka.server.SharedServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.bootstrap.BootstrapMetadata;
import org.apache.kafka.metadata.properties.MetaPropertiesEnsemble;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.raft.QuorumConfig;
import org.apache.kafka.server.common.MetadataVersion;
import org.apache.kafka.server.fault.LoggingFaultHandler;
import org.slf4j.LoggerFactory;
import scala.Tuple2;

/**
 * A real Kafka broker in KRaft mode (broker and controller in one node) in this JVM, for tests,
 * listening on loopback only. {@link #bind()} opens its two listening sockets on ephemeral ports
 * and formats its storage in a temporary directory, but starts nothing: from then on the broker's
 * port accepts connections (the kernel queues them) and answers none, as a broker does while it
 * starts. {@link #startBroker()} starts the broker and returns once it serves ({@link #start()}
 * does both); {@link #close()} stops it, waits for its threads and deletes the directory.
 */
public final class KafkaServer implements AutoCloseable {

	private static final String BROKER_LISTENER = "PLAINTEXT";

	private static final String CONTROLLER_LISTENER = "CONTROLLER";

	private final Path directory;

	private final ServerSocketChannel brokerSocket;

	private final ServerSocketChannel controllerSocket;

	private final ControllerServer controller;

	private final BrokerServer broker;

	private KafkaServer(Path directory, ServerSocketChannel brokerSocket, ServerSocketChannel controllerSocket)
			throws Exception {
		this.directory = directory;
		this.brokerSocket = brokerSocket;
		this.controllerSocket = controllerSocket;
		KafkaConfig config = new KafkaConfig(properties(), false);
		String clusterId = Uuid.randomUuid().toString();
		format(config, clusterId);
		Tuple2<MetaPropertiesEnsemble, BootstrapMetadata> logDirs = KafkaRaftServer.initializeLogDirs(config,
				LoggerFactory.getLogger(KafkaServer.class), "");
		SharedServer shared = new SharedServer(config, logDirs._1(), Time.SYSTEM,
				Server.initializeMetrics(config, Time.SYSTEM, clusterId),
				CompletableFuture.completedFuture(QuorumConfig.parseVoterConnections(config.quorumConfig().voters())),
				QuorumConfig.parseBootstrapServers(config.quorumConfig().bootstrapServers()),
				// Logs a fault instead of halting the JVM, as a broker's fatal faults do.
				(name, fatal, action) -> new LoggingFaultHandler(name, action), this::preboundSocket);
		this.controller = new ControllerServer(shared, KafkaRaftServer.configSchema(), logDirs._2());
		this.broker = new BrokerServer(shared);
	}

	/**
	 * Binds the broker's and the controller's listening sockets on loopback and formats the
	 * storage; starts nothing.
	 * @return a broker that accepts connections on {@link #port()} and answers none yet
	 * @throws Exception if a socket cannot be bound or the storage cannot be formatted
	 */
	public static KafkaServer bind() throws Exception {
		Path directory = Files.createTempDirectory("portend-kafka-");
		ServerSocketChannel brokerSocket = null;
		ServerSocketChannel controllerSocket = null;
		try {
			brokerSocket = loopbackSocket();
			controllerSocket = loopbackSocket();
			return new KafkaServer(directory, brokerSocket, controllerSocket);
		}
		catch (Exception ex) {
			closeQuietly(brokerSocket, ex);
			closeQuietly(controllerSocket, ex);
			deleteRecursively(directory);
			throw ex;
		}
	}

	/**
	 * Binds, then starts the broker.
	 * @return a broker that serves
	 * @throws Exception if it cannot be bound or started
	 */
	public static KafkaServer start() throws Exception {
		KafkaServer server = bind();
		try {
			server.startBroker();
			return server;
		}
		catch (Exception ex) {
			server.close();
			throw ex;
		}
	}

	/**
	 * Starts the controller, then the broker (as Kafka's own KRaft server does), and returns
	 * once the broker serves requests.
	 */
	public void startBroker() {
		this.controller.startup();
		this.broker.startup();
	}

	/**
	 * Returns the broker's loopback address.
	 * @return 127.0.0.1 and the broker's port
	 */
	public InetSocketAddress address() {
		return (InetSocketAddress) this.brokerSocket.socket().getLocalSocketAddress();
	}

	/**
	 * Stops the broker and the controller, waits for their threads to end and deletes the
	 * broker's directory.
	 */
	@Override
	public void close() throws Exception {
		try {
			this.broker.shutdown();
			this.broker.awaitShutdown();
			this.controller.shutdown();
		}
		finally {
			// Never handed over when the broker was not started.
			this.brokerSocket.close();
			this.controllerSocket.close();
			deleteRecursively(this.directory);
		}
	}

	private Map<String, String> properties() {
		String data = this.directory.resolve("data").toString();
		return Map.ofEntries(Map.entry("process.roles", "broker,controller"), Map.entry("node.id", "1"),
				Map.entry("listeners",
						BROKER_LISTENER + "://127.0.0.1:" + port(this.brokerSocket) + "," + CONTROLLER_LISTENER
								+ "://127.0.0.1:" + port(this.controllerSocket)),
				Map.entry("listener.security.protocol.map",
						BROKER_LISTENER + ":PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT"),
				Map.entry("controller.listener.names", CONTROLLER_LISTENER),
				Map.entry("controller.quorum.voters", "1@127.0.0.1:" + port(this.controllerSocket)),
				Map.entry("log.dirs", data),
				// One node: every internal topic has one replica.
				Map.entry("offsets.topic.replication.factor", "1"),
				Map.entry("transaction.state.log.replication.factor", "1"),
				Map.entry("transaction.state.log.min.isr", "1"),
				Map.entry("share.coordinator.state.topic.replication.factor", "1"),
				Map.entry("share.coordinator.state.topic.min.isr", "1"),
				// A small broker for a 2-core machine shared with other builds.
				Map.entry("num.network.threads", "1"), Map.entry("num.io.threads", "2"),
				Map.entry("num.recovery.threads.per.data.dir", "1"),
				Map.entry("log.cleaner.dedupe.buffer.size", "2097152"));
	}

	private void format(KafkaConfig config, String clusterId) throws Exception {
		String data = config.metadataLogDir();
		new Formatter().setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
			.setNodeId(config.nodeId())
			.setClusterId(clusterId)
			.setDirectories(List.of(data))
			.setMetadataLogDirectory(data)
			.setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
			.setControllerListenerName(CONTROLLER_LISTENER)
			.run();
	}

	private ServerSocketChannel preboundSocket(String listener, InetSocketAddress address, int backlog,
			int receiveBufferSize) throws IOException {
		return switch (listener) {
			case BROKER_LISTENER -> this.brokerSocket;
			case CONTROLLER_LISTENER -> this.controllerSocket;
			default -> throw new IllegalArgumentException("No socket for listener " + listener);
		};
	}

	private static ServerSocketChannel loopbackSocket() throws IOException {
		ServerSocketChannel socket = ServerSocketChannel.open();
		socket.configureBlocking(false); // as Kafka's own listening sockets: its acceptor selects on them
		// 127.0.0.1 as the listeners name it: the loopback address may be ::1 in some JVMs.
		return socket.bind(new InetSocketAddress(InetAddress.getByAddress(new byte[] { 127, 0, 0, 1 }), 0));
	}

	private static int port(ServerSocketChannel socket) {
		return socket.socket().getLocalPort();
	}

	private static void closeQuietly(ServerSocketChannel socket, Exception failure) {
		if (socket != null) {
			try {
				socket.close();
			}
			catch (IOException ex) {
				failure.addSuppressed(ex);
			}
		}
	}

	private static void deleteRecursively(Path directory) {
		try (Stream<Path> paths = Files.walk(directory)) {
			for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
				Files.delete(path);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
