package io.portend.distribution;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Unpacks both archives as a user would ({@code tar xzf}) and runs their {@code bin/portend} as a process:
 * {@code plain} is portend-VERSION.tar.gz, which needs a Java; {@code self-contained} is
 * portend-VERSION-PLATFORM.tar.gz, which brings its own. Run by failsafe after {@code package}.
 */
class ArchivesIntegrationTests {

	private static final String PLAIN = "plain";

	private static final String SELF_CONTAINED = "self-contained";

	@TempDir
	static Path installed;

	@TempDir
	Path temp;

	@BeforeAll
	static void unpack() throws Exception {
		Path archives = Path.of(System.getProperty("portend.archives"));
		String base = "portend-" + System.getProperty("portend.version");
		unpack(archives.resolve(base + ".tar.gz"), PLAIN);
		try (DirectoryStream<Path> selfContained = Files.newDirectoryStream(archives, base + "-*.tar.gz")) {
			for (Path archive : selfContained) {
				unpack(archive, SELF_CONTAINED);
			}
		}
		assertThat(launcher(SELF_CONTAINED)).as("the self-contained archive's launcher").isExecutable();
	}

	@ParameterizedTest
	@ValueSource(strings = { PLAIN, SELF_CONTAINED })
	void succeedsSilentlyOnAListener(String archive) throws Exception {
		try (ServerSocket listener = listener()) {
			Run run = portend(archive, Map.of(), target(listener), "occupied");
			assertThat(run.code()).isZero();
			assertThat(run.out() + run.err()).isEmpty();
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { PLAIN, SELF_CONTAINED })
	void timeoutNamesThePort(String archive) throws Exception {
		int closed = closedPort();
		Run run = portend(archive, Map.of(), "-t", "0.2", "127.0.0.1:" + closed, "occupied");
		assertThat(run.code()).isEqualTo(1);
		assertThat(run.err()).isEqualTo("Port " + closed + " not bound on 127.0.0.1.\n");
	}

	@ParameterizedTest
	@ValueSource(strings = { PLAIN, SELF_CONTAINED })
	void usageErrorExitsWith2(String archive) throws Exception {
		Run run = portend(archive, Map.of(), "-t", "abc", "127.0.0.1:80", "free");
		assertThat(run.code()).isEqualTo(2);
		assertThat(run.err()).startsWith("usage: portend ").contains("invalid timeout 'abc'");
	}

	@ParameterizedTest
	@ValueSource(strings = { PLAIN, SELF_CONTAINED })
	void runsTheCommandOnceReadyWithItsArgumentsAndStatus(String archive) throws Exception {
		try (ServerSocket listener = listener()) {
			Run run = portend(archive, Map.of(), target(listener), "occupied", "--", "sh", "-c",
					"echo \"$1\"; exit 3", "sh", "one argument");
			assertThat(run.code()).isEqualTo(3);
			assertThat(run.out()).isEqualTo("one argument\n");
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { PLAIN, SELF_CONTAINED })
	void runsThroughASymbolicLink(String archive) throws Exception {
		// Beside the archives, in the same temporary directory: JUnit warns of links that lead out of one.
		Path link = Files.createSymbolicLink(Files.createDirectories(installed.resolve("links-" + archive))
			.resolve("portend"), launcher(archive));
		try (ServerSocket listener = listener()) {
			assertThat(run(List.of(link.toString(), target(listener), "occupied"), Map.of()).code()).isZero();
		}
	}

	@Test
	void plainArchiveSaysWhenJavaHomeHasNoJava() throws Exception {
		Run run = portend(PLAIN, Map.of("JAVA_HOME", this.temp.toString()), "--help");
		assertThat(run.code()).isEqualTo(1);
		assertThat(run.err()).isEqualTo("portend: error: JAVA_HOME is '" + this.temp + "', which has no bin/java\n");
	}

	@Test
	void selfContainedArchiveUsesItsOwnRuntimeAndTheClassDataMadeAtBuildTime() throws Exception {
		// -Xshare:on: the JVM refuses to start unless it maps the archives, here, far from where they were made.
		Map<String, String> environment = Map.of("JAVA_HOME", this.temp.toString(), "PORTEND_OPTS",
				"-Xshare:on -Xlog:class+load=info:file=" + this.temp.resolve("classes.log"));
		try (ServerSocket listener = listener()) {
			Run run = portend(SELF_CONTAINED, environment, target(listener), "occupied");
			assertThat(run.code()).as(run.err()).isZero();
		}
		List<String> portendClasses = Files.readAllLines(this.temp.resolve("classes.log"))
			.stream()
			.filter((line) -> line.contains(" io.portend."))
			.toList();
		assertThat(portendClasses).isNotEmpty().allMatch((line) -> line.endsWith("source: shared objects file (top)"));
	}

	private static void unpack(Path archive, String name) throws Exception {
		Path directory = Files.createDirectories(installed.resolve(name));
		Run run = run(List.of("tar", "xzf", archive.toString(), "-C", directory.toString()), Map.of());
		assertThat(run.code()).as("tar xzf %s: %s", archive, run.err()).isZero();
	}

	private static Path launcher(String archive) {
		return installed.resolve(archive).resolve("portend-" + System.getProperty("portend.version"))
			.resolve("bin")
			.resolve("portend");
	}

	private static Run portend(String archive, Map<String, String> environment, String... args) throws Exception {
		List<String> command = new ArrayList<>();
		command.add(launcher(archive).toString());
		command.addAll(List.of(args));
		return run(command, environment);
	}

	private static Run run(List<String> command, Map<String, String> environment) throws Exception {
		Path out = Files.createTempFile(installed, "out", ".txt");
		Path err = Files.createTempFile(installed, "err", ".txt");
		ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
		builder.environment().putAll(environment);
		Process process = builder.start();
		try {
			process.getOutputStream().close();
			assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("%s ended within a minute", command).isTrue();
		}
		finally {
			process.destroyForcibly();
		}
		return new Run(process.exitValue(), Files.readString(out), Files.readString(err));
	}

	private static ServerSocket listener() throws IOException {
		return new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
	}

	private static String target(ServerSocket listener) {
		return "127.0.0.1:" + listener.getLocalPort();
	}

	/** A port nothing listens on: one a listener just gave back. */
	private static int closedPort() throws IOException {
		try (ServerSocket listener = listener()) {
			return listener.getLocalPort();
		}
	}

	private record Run(int code, String out, String err) {
	}

}
