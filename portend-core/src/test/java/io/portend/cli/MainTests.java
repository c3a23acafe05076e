package io.portend.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpServer;
import io.portend.HostPort;
import io.portend.Portend;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link Main}, run in this JVM through {@link Main#run}.
 */
class MainTests {

	@ParameterizedTest
	@ValueSource(strings = { "127.0.0.1", "::1" })
	void occupiedSucceedsSilentlyOnAListener(String host) throws IOException {
		try (ServerSocket listener = listener(host)) {
			Result result = run(target(listener), "occupied");
			assertThat(result.code()).isZero();
			assertThat(result.out()).isEmpty();
			assertThat(result.err()).isEmpty();
		}
	}

	@Test
	void freeSucceedsOnAPortNothingListensOn() {
		assertThat(run("127.0.0.1:" + Portend.findAvailableLocalPort(), "free").code()).isZero();
	}

	@Test
	void timeoutPrintsPortendsMessage() throws IOException {
		try (ServerSocket listener = listener("127.0.0.1")) {
			Result result = run("-t", "0.1", target(listener), "free");
			assertThat(result.code()).isEqualTo(1);
			assertThat(result.out()).isEmpty();
			assertThat(result.errLines()).containsExactly("Port " + listener.getLocalPort() + " not free on 127.0.0.1.");
		}
		int refused = Portend.findAvailableLocalPort();
		assertThat(run("-t", "0.1", "127.0.0.1:" + refused, "occupied").errLines())
			.containsExactly("Port " + refused + " not bound on 127.0.0.1.");
	}

	@ParameterizedTest
	@ValueSource(strings = { "-t 0.1 %s free", "-t0.1 %s free", "--timeout 0.1 %s free", "--timeout=0.1 %s free",
			"%s free -t 0.1", "%s -t 0.1 free", "-vt 0.1 %s free", "-vt0.1 %s free", "-t inf -t 0.1 %s free" })
	void timeoutIsTakenInEveryFormAndPlace(String line) throws IOException {
		try (ServerSocket listener = listener("127.0.0.1")) {
			Result result = run(line.replace("%s", target(listener)).split(" "));
			assertThat(result.code()).isEqualTo(1);
			assertThat(result.errLines()).last().isEqualTo("Port " + listener.getLocalPort() + " not free on 127.0.0.1.");
		}
	}

	@Test
	void severalTargetsAreAllWaitedFor() throws IOException {
		try (ServerSocket v4 = listener("127.0.0.1"); ServerSocket v6 = listener("::1")) {
			assertThat(run("-t", "30", target(v4), target(v6), "occupied").code()).isZero();
		}
	}

	@Test
	void timeoutNamesEachPendingTarget() throws IOException {
		int refused = Portend.findAvailableLocalPort();
		try (ServerSocket listener = listener("127.0.0.1")) {
			Result result = run("-t", "0.2", "127.0.0.1:" + refused, target(listener), "[::1]:" + refused, "occupied");
			assertThat(result.code()).isEqualTo(1);
			assertThat(result.errLines()).singleElement()
				.asString()
				.startsWith("Ports not bound: 127.0.0.1:" + refused + " (")
				.contains(", [::1]:" + refused + " (")
				.doesNotContain(target(listener));
		}
	}

	@Test
	void aTargetGivenTwiceIsWaitedForOnce() {
		int refused = Portend.findAvailableLocalPort();
		Result result = run("-t", "0.1", "127.0.0.1:" + refused, "127.0.0.1:" + refused, "occupied");
		assertThat(result.errLines()).containsExactly("Port " + refused + " not bound on 127.0.0.1.");
	}

	@ParameterizedTest
	@ValueSource(strings = { "|missing host:port and state", "127.0.0.1:80|missing state after '127.0.0.1:80'",
			"free|missing host:port before 'free'", "127.0.0.1:80 busy|invalid state 'busy'",
			"127.0.0.1:80 free 127.0.0.1:81|missing state after '127.0.0.1:81'", "localhost free|'localhost': missing ':port'",
			"127.0.0.1:0 free|'127.0.0.1:0'", "[::1]:80x free|'[::1]:80x'", "-t -1 127.0.0.1:80 free|'-1'",
			"-t NaN 127.0.0.1:80 free|'NaN'", "-t abc 127.0.0.1:80 free|'abc'", "-t5s 127.0.0.1:80 free|'5s'",
			"--timeout= 127.0.0.1:80 free|invalid timeout ''", "-t 0x10 127.0.0.1:80 free|'0x10'",
			"127.0.0.1:80 free -t|option -t/--timeout", "-t -- 127.0.0.1:80 free|option -t/--timeout",
			"-x 127.0.0.1:80 free|'-x'", "-vx 127.0.0.1:80 free|'-x' in '-vx'", "--wait 127.0.0.1:80 free|'--wait'",
			"-v -q 127.0.0.1:80 free|exclude each other", "--quiet=yes 127.0.0.1:80 free|'--quiet=yes'",
			"127.0.0.1:80 -- free|missing state after '127.0.0.1:80'",
			"pg://db ready|unknown scheme 'pg'; expected one of tcp, postgresql (postgres)",
			"redis://cache/0 ready|a path is only for http targets", "tcp://db ready|'tcp://db': missing ':port'",
			"--strict-check 0.2 postgresql://db ready|option --strict-check is for host:port targets",
			"--strict-check x db:1 ready|invalid strict check 'x'", "--strict-check|option --strict-check expects" })
	void usageErrorsNameTheOffendingValue(String line) {
		String[] parts = line.split("\\|");
		Result result = run(parts[0].isEmpty() ? new String[0] : parts[0].split(" "));
		assertThat(result.code()).isEqualTo(2);
		assertThat(result.out()).isEmpty();
		assertThat(result.errLines()).hasSize(2);
		assertThat(result.errLines().get(0)).startsWith("usage: portend [-h] [--version] [-t SECONDS] [--strict-check SECONDS] [-v|-q] host:port... ");
		assertThat(result.errLines().get(1)).startsWith("portend: error: ").contains(parts[1]);
	}

	@ParameterizedTest
	@ValueSource(strings = { "-h", "--help", "-vh", "--help -t abc", "127.0.0.1:80 busy -h" })
	void helpGoesToStandardOutput(String line) {
		Result result = run(line.split(" "));
		assertThat(result.code()).isZero();
		assertThat(result.err()).isEmpty();
		assertThat(result.out()).startsWith("usage: portend")
			.contains("free|occupied|ready", "-t, --timeout SECONDS", "-- command", "--strict-check SECONDS",
					"127  the command", "postgresql (postgres)", "http://web:8080");
	}

	@ParameterizedTest
	@ValueSource(strings = { "--version", "--version 127.0.0.1:80 busy", "-t abc --version" })
	void versionGoesToStandardOutput(String line) {
		Result result = run(line.split(" "));
		assertThat(result.code()).isZero();
		assertThat(result.err()).isEmpty();
		assertThat(result.out()).matches("portend \\d+\\.\\d+\\.\\d+\\S*\n");
	}

	@Test
	void readyWaitsForAServiceToAnswerReady() throws IOException {
		HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 10);
		AtomicInteger status = new AtomicInteger(503);
		server.createContext("/health", (exchange) -> {
			exchange.sendResponseHeaders(status.get(), -1);
			exchange.close();
		});
		server.start();
		try {
			String target = "http://127.0.0.1:" + server.getAddress().getPort() + "/health";
			Result notReady = run("-t", "2", target, "ready");
			assertThat(notReady.code()).isEqualTo(1);
			assertThat(notReady.errLines())
				.containsExactly("Not ready: " + target + " (open but not ready: answers 503 Service Unavailable).");
			status.set(200);
			Result ready = run("-v", "-t", "30", target, "ready");
			assertThat(ready.code()).isZero();
			assertThat(ready.errLines()).singleElement().asString()
				.matches("portend: " + Pattern.quote(target) + " ready after \\d+ ms \\(ready: answers 200 OK \\(127\\.0\\.0\\.1\\)\\)");
		}
		finally {
			server.stop(0);
		}
	}

	@Test
	void strictCheckTellsAPortProxyFromAListener() throws IOException {
		// A port proxy with nothing behind it accepts, then closes at once.
		try (ServerSocket proxy = listener("127.0.0.1")) {
			Thread closer = new Thread(() -> {
				while (!proxy.isClosed()) {
					try {
						proxy.accept().close();
					}
					catch (IOException ex) {
						// Closed at the end of the test.
					}
				}
			});
			closer.start();
			assertThat(run("-t", "5", target(proxy), "occupied").code()).isZero();
			Result strict = run("--strict-check", "0.5", "-t", "0.3", target(proxy), "occupied");
			assertThat(strict.code()).isEqualTo(1);
			assertThat(strict.errLines()).containsExactly("Port " + proxy.getLocalPort() + " not bound on 127.0.0.1.");
		}
	}

	@Test
	void commandRunsAfterSuccessAndItsStatusIsReturned(@TempDir Path temp) throws IOException {
		Path marker = temp.resolve("ran");
		try (ServerSocket listener = listener("127.0.0.1")) {
			Result result = run(target(listener), "occupied", "--", "sh", "-c", "echo ran > \"$0\"; exit 3",
					marker.toString());
			assertThat(result.code()).isEqualTo(3);
			assertThat(result.err()).isEmpty();
			assertThat(marker).hasContent("ran");
		}
	}

	@Test
	void argumentsAfterTheSeparatorBelongToTheCommand() {
		int refused = Portend.findAvailableLocalPort();
		Result result = run("127.0.0.1:" + refused, "free", "--", "sh", "-c", "exit $(($# + 40))", "sh", "-t",
				"abc", "--");
		assertThat(result.code()).isEqualTo(43);
	}

	@Test
	void commandDoesNotRunWhenTheWaitTimesOut(@TempDir Path temp) {
		Path marker = temp.resolve("ran");
		int refused = Portend.findAvailableLocalPort();
		Result result = run("-t", "0.1", "127.0.0.1:" + refused, "occupied", "--", "sh", "-c", "echo ran > \"$0\"",
				marker.toString());
		assertThat(result.code()).isEqualTo(1);
		assertThat(result.errLines()).containsExactly("Port " + refused + " not bound on 127.0.0.1.");
		assertThat(marker).doesNotExist();
	}

	@Test
	void commandThatCannotStartExitsWith127() {
		int refused = Portend.findAvailableLocalPort();
		Result result = run("127.0.0.1:" + refused, "free", "--", "/nonexistent/portend-test-command", "arg");
		assertThat(result.code()).isEqualTo(127);
		assertThat(result.errLines()).singleElement()
			.asString()
			.startsWith("portend: ")
			.contains("/nonexistent/portend-test-command");
	}

	@Test
	void quietPrintsNothing() {
		int refused = Portend.findAvailableLocalPort();
		Result timeout = run("-q", "-t", "0.1", "127.0.0.1:" + refused, "occupied");
		assertThat(timeout.code()).isEqualTo(1);
		assertThat(timeout.out() + timeout.err()).isEmpty();
		Result notStarted = run("--quiet", "127.0.0.1:" + refused, "free", "--", "/nonexistent/portend-test-command");
		assertThat(notStarted.code()).isEqualTo(127);
		assertThat(notStarted.out() + notStarted.err()).isEmpty();
	}

	@Test
	void verbosePrintsAStateOnceNotEveryRound() {
		int refused = Portend.findAvailableLocalPort();
		Result result = run("-v", "-t", "0.3", "127.0.0.1:" + refused, "occupied");
		assertThat(result.code()).isEqualTo(1);
		assertThat(result.errLines()).hasSize(2);
		assertThat(result.errLines().get(0))
			.matches("portend: 127\\.0\\.0\\.1:" + refused + " free after \\d+ ms \\(.*refused.*\\)");
		assertThat(result.errLines().get(1)).isEqualTo("Port " + refused + " not bound on 127.0.0.1.");
	}

	@Test
	void verbosePrintsEachChangeOfState() throws Exception {
		int port = Portend.findAvailableLocalPort();
		CountDownLatch sawFree = new CountDownLatch(1);
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		OutputStream watched = new OutputStream() {

			@Override
			public synchronized void write(int b) {
				err.write(b);
				if (b == '\n') {
					sawFree.countDown();
				}
			}

		};
		AtomicInteger code = new AtomicInteger(-1);
		Thread waiting = new Thread(() -> code.set(Main.run(new String[] { "-v", "-t", "30", "127.0.0.1:" + port,
				"occupied" }, new PrintStream(new ByteArrayOutputStream()), new PrintStream(watched, true))));
		waiting.start();
		try {
			assertThat(sawFree.await(30, TimeUnit.SECONDS)).isTrue();
			try (ServerSocket listener = new ServerSocket(port, 50, InetAddress.getByName("127.0.0.1"))) {
				waiting.join(30_000);
			}
		}
		finally {
			waiting.interrupt();
			waiting.join(30_000);
		}
		assertThat(code).hasValue(0);
		List<String> lines = err.toString(StandardCharsets.UTF_8).lines().toList();
		assertThat(lines).hasSize(2);
		assertThat(lines.get(0)).startsWith("portend: 127.0.0.1:" + port + " free after ");
		assertThat(lines.get(1)).matches("portend: 127\\.0\\.0\\.1:" + port
				+ " occupied after \\d+ ms \\(accepted by 127\\.0\\.0\\.1\\)");
	}

	static ServerSocket listener(String host) throws IOException {
		return new ServerSocket(0, 50, InetAddress.getByName(host));
	}

	/** The listener's address as text, the way portend's own tests name it. */
	static String target(ServerSocket listener) {
		return HostPort.fromAddress((InetSocketAddress) listener.getLocalSocketAddress()).toString();
	}

	static Result run(String... args) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
				new PrintStream(err, true, StandardCharsets.UTF_8));
		return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
	}

	record Result(int code, String out, String err) {

		List<String> errLines() {
			return this.err.lines().toList();
		}

	}

}
