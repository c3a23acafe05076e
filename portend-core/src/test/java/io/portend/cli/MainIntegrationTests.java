package io.portend.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import io.portend.Portend;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the packaged jar, {@code java -jar portend-core.jar ...}, as a separate process: the way
 * the command line is used. Run by failsafe after {@code package}.
 */
class MainIntegrationTests {

	private static final String JAVA = Paths.get(System.getProperty("java.home"), "bin", "java").toString();

	@TempDir
	Path temp;

	@Test
	void succeedsSilentlyOnAListener() throws Exception {
		try (ServerSocket listener = MainTests.listener("127.0.0.1")) {
			Run run = java(MainTests.target(listener), "occupied");
			assertThat(run.code()).isZero();
			assertThat(run.out()).isEmpty();
			assertThat(run.err()).isEmpty();
		}
	}

	@Test
	void timeoutPrintsPortendsMessage() throws Exception {
		try (ServerSocket listener = MainTests.listener("127.0.0.1")) {
			Run run = java(MainTests.target(listener), "free", "-t", "0.1");
			assertThat(run.code()).isEqualTo(1);
			assertThat(run.err()).isEqualTo("Port " + listener.getLocalPort() + " not free on 127.0.0.1.\n");
		}
	}

	@Test
	void usageErrorExitsWith2AndNoStackTrace() throws Exception {
		Run run = java("-t", "abc", "127.0.0.1:80", "free");
		assertThat(run.code()).isEqualTo(2);
		assertThat(run.err()).startsWith("usage: portend ")
			.endsWith("\nportend: error: invalid timeout 'abc': expected a number of seconds, 0 or more, or inf\n");
	}

	@Test
	void timeoutNamesEachPendingTarget() throws Exception {
		int refused = Portend.findAvailableLocalPort();
		try (ServerSocket listener = MainTests.listener("::1")) {
			Run run = java("-t", "0.2", "127.0.0.1:" + refused, MainTests.target(listener), "[::1]:" + refused,
					"occupied");
			assertThat(run.code()).isEqualTo(1);
			assertThat(run.err()).startsWith("Ports not bound: 127.0.0.1:" + refused + " (")
				.contains(", [::1]:" + refused + " (")
				.doesNotContain(MainTests.target(listener))
				.endsWith(").\n");
		}
	}

	@Test
	void commandRunsAfterSuccessWithTheSameOutputAndItsStatus() throws Exception {
		try (ServerSocket listener = MainTests.listener("127.0.0.1")) {
			Run run = java(MainTests.target(listener), "occupied", "--", "sh", "-c", "echo ran; exit 3");
			assertThat(run.code()).isEqualTo(3);
			assertThat(run.out()).isEqualTo("ran\n");
		}
	}

	@Test
	void commandDoesNotRunWhenTheWaitTimesOut() throws Exception {
		int refused = Portend.findAvailableLocalPort();
		Run run = java("-t", "0.1", "127.0.0.1:" + refused, "occupied", "--", "sh", "-c", "echo ran");
		assertThat(run.code()).isEqualTo(1);
		assertThat(run.out()).isEmpty();
		assertThat(run.err()).isEqualTo("Port " + refused + " not bound on 127.0.0.1.\n");
	}

	@Test
	void quietPrintsNothing() throws Exception {
		Run run = java("-q", "-t", "0.1", "127.0.0.1:" + Portend.findAvailableLocalPort(), "occupied");
		assertThat(run.code()).isEqualTo(1);
		assertThat(run.out() + run.err()).isEmpty();
	}

	@Test
	void verboseReportsProgress() throws Exception {
		try (ServerSocket listener = MainTests.listener("127.0.0.1")) {
			Run run = java("--verbose", MainTests.target(listener), "occupied");
			assertThat(run.code()).isZero();
			assertThat(run.err()).matches("portend: 127\\.0\\.0\\.1:" + listener.getLocalPort()
					+ " occupied after \\d+ ms \\(accepted by 127\\.0\\.0\\.1\\)\n");
		}
	}

	@Test
	void versionIsTheProjectVersion() throws Exception {
		Run run = java("--version");
		assertThat(run.code()).isZero();
		assertThat(run.out()).isEqualTo("portend " + System.getProperty("portend.version") + "\n");
	}

	@Test
	void portOnAHostThatDoesNotResolveIsFree() throws Exception {
		// An empty hosts file as the JVM's only resolver: no DNS.
		Path hosts = Files.createFile(this.temp.resolve("hosts"));
		Run run = java(List.of("-Djdk.net.hosts.file=" + hosts), "-t", "30", "stopped.test:5432", "free");
		assertThat(run.code()).isZero();
		assertThat(run.err()).isEmpty();
	}

	@Test
	void nameIsSeenAsSoonAsItResolves() throws Exception {
		Path hosts = Files.createFile(this.temp.resolve("hosts"));
		try (ServerSocket listener = MainTests.listener("127.0.0.1")) {
			Process portend = new ProcessBuilder(command(List.of("-Djdk.net.hosts.file=" + hosts), "-v", "-t", "60",
					"late.test:" + listener.getLocalPort(), "occupied"))
				.redirectOutput(ProcessBuilder.Redirect.DISCARD)
				.start();
			try {
				String first = new BufferedReader(new InputStreamReader(portend.getErrorStream(), StandardCharsets.UTF_8))
					.readLine();
				assertThat(first).contains("late.test:" + listener.getLocalPort() + " unresolved");
				Files.writeString(hosts, "127.0.0.1 late.test\n");
				long written = System.nanoTime();
				assertThat(portend.waitFor(60, TimeUnit.SECONDS)).isTrue();
				assertThat(portend.exitValue()).isZero();
				// The JVM's negative cache would hide the name for up to 10 s after the first failure.
				assertThat(Duration.ofNanos(System.nanoTime() - written)).isLessThan(Duration.ofSeconds(5));
			}
			finally {
				portend.destroyForcibly();
			}
		}
	}

	@Test
	void stoppingPortendStopsTheCommand() throws Exception {
		int refused = Portend.findAvailableLocalPort();
		Process portend = new ProcessBuilder(command("127.0.0.1:" + refused, "free", "--", "sh", "-c",
				"echo $$; exec sleep 60")).redirectError(ProcessBuilder.Redirect.DISCARD).start();
		try {
			String pid = new BufferedReader(new InputStreamReader(portend.getInputStream(), StandardCharsets.UTF_8))
				.readLine();
			Optional<ProcessHandle> sleeper = ProcessHandle.of(Long.parseLong(pid));
			assertThat(sleeper).isPresent();
			portend.destroy();
			assertThat(portend.waitFor(30, TimeUnit.SECONDS)).isTrue();
			assertThat(portend.exitValue()).isEqualTo(143);
			sleeper.get().onExit().get(30, TimeUnit.SECONDS);
			assertThat(sleeper.get().isAlive()).isFalse();
		}
		finally {
			portend.destroyForcibly();
		}
	}

	private Run java(String... args) throws Exception {
		return java(List.of(), args);
	}

	private Run java(List<String> jvmOptions, String... args) throws Exception {
		Path out = Files.createTempFile(this.temp, "out", ".txt");
		Path err = Files.createTempFile(this.temp, "err", ".txt");
		Process process = new ProcessBuilder(command(jvmOptions, args)).redirectOutput(out.toFile())
			.redirectError(err.toFile())
			.start();
		try {
			process.getOutputStream().close();
			assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("portend ended within a minute").isTrue();
		}
		finally {
			process.destroyForcibly();
		}
		return new Run(process.exitValue(), Files.readString(out), Files.readString(err));
	}

	private static List<String> command(String... args) throws IOException {
		return command(List.of(), args);
	}

	private static List<String> command(List<String> jvmOptions, String... args) throws IOException {
		String jar = System.getProperty("portend.jar");
		assertThat(jar).as("system property portend.jar, set by failsafe").isNotNull();
		assertThat(Paths.get(jar)).isRegularFile();
		List<String> command = new ArrayList<>(List.of(JAVA));
		command.addAll(jvmOptions);
		command.addAll(List.of("-jar", jar));
		command.addAll(List.of(args));
		return command;
	}

	record Run(int code, String out, String err) {

	}

}
