package io.portend.servers;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A real Redis from Debian's {@code redis-server} package, in a directory of its own, on an
 * ephemeral port of 127.0.0.1, persisting nothing unless asked. {@link #close()} stops it and
 * deletes its directory.
 */
public final class RedisServer implements AutoCloseable {

	private static final Path BINARY = Path.of("/usr/bin/redis-server");

	private static final Duration START_LIMIT = Duration.ofSeconds(30);

	private final Path directory;

	private final int port;

	private ServerProcess process;

	private RedisServer(Path directory, int port) {
		this.directory = directory;
		this.port = port;
	}

	/**
	 * Starts a server, returning once it accepts connections.
	 * @param options more {@code redis-server} options, such as {@code --requirepass secret}
	 */
	public static RedisServer start(String... options) {
		DebianPackages.require(BINARY, "redis-server");
		RedisServer server = new RedisServer(Scratch.directory("portend-redis"), Scratch.freePort());
		try {
			server.launch(options);
			server.awaitLog("Ready to accept connections");
			return server;
		}
		catch (RuntimeException ex) {
			server.close();
			throw ex;
		}
	}

	/**
	 * Starts a server that loads a dataset of {@code keys} keys slowly, each taking at least
	 * {@code keyLoadDelay} (Redis's own {@code key-load-delay} setting, for its tests): it answers
	 * {@code -LOADING} for that long, then serves. Returns once it accepts connections, while it
	 * loads.
	 */
	public static RedisServer startLoading(int keys, Duration keyLoadDelay) {
		RedisServer server = start("--enable-debug-command", "local");
		try {
			server.command("DEBUG POPULATE " + keys, "+OK");
			server.command("SAVE", "+OK");
			server.process.stop(START_LIMIT);
			server.launch("--key-load-delay", String.valueOf(keyLoadDelay.toNanos() / 1000),
					"--loading-process-events-interval-bytes", "1024");
			Scratch.await(START_LIMIT, "accepting connections", () -> Scratch.accepts(server.address()), server.process::logTail);
			return server;
		}
		catch (RuntimeException ex) {
			server.close();
			throw ex;
		}
	}

	public InetSocketAddress address() {
		return new InetSocketAddress(InetAddress.getLoopbackAddress(), this.port);
	}

	@Override
	public void close() {
		if (this.process != null) {
			this.process.stop(START_LIMIT);
		}
		Scratch.delete(this.directory);
	}

	private void launch(String... options) {
		List<String> command = new ArrayList<>(List.of(BINARY.toString(), "--port", String.valueOf(this.port), "--bind",
				"127.0.0.1", "--dir", this.directory.toString(), "--save", "", "--appendonly", "no", "--daemonize", "no"));
		command.addAll(List.of(options));
		this.process = ServerProcess.start(command, Map.of(), this.directory.resolve("redis.log"));
	}

	private void awaitLog(String line) {
		Scratch.await(START_LIMIT, "'" + line + "'", () -> Scratch.contains(this.directory.resolve("redis.log"), line),
				this.process::logTail);
	}

	/**
	 * Sends an inline command and checks the start of its one-line reply.
	 */
	private void command(String command, String expectedReply) {
		try (Socket socket = new Socket()) {
			socket.connect(address(), 5000);
			socket.setSoTimeout((int) START_LIMIT.toMillis());
			socket.getOutputStream().write((command + "\r\n").getBytes(StandardCharsets.US_ASCII));
			InputStream in = socket.getInputStream();
			StringBuilder reply = new StringBuilder();
			for (int c = in.read(); c >= 0 && c != '\n'; c = in.read()) {
				reply.append((char) c);
			}
			if (!reply.toString().startsWith(expectedReply)) {
				throw new IllegalStateException("Redis answered " + command + " with " + reply);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot send " + command + " to Redis", ex);
		}
	}

}
