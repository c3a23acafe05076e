package io.portend.sample;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The packaged sample application running as a separate {@code java -jar} process, on loopback,
 * either with its demo database or with the demo database off and its database at
 * {@code 127.0.0.1:dbPort}. Its output (standard output and error together) is collected line by
 * line as it comes.
 */
final class SampleAppProcess implements AutoCloseable {

	private static final Path JAR = Path.of(System.getProperty("sample-app.jar", "target/sample-app.jar"));

	private static final Path JAVA = Path.of(System.getProperty("java.home"), "bin", "java");

	private final Process process;

	private final Thread reader;

	private final List<String> lines = new ArrayList<>();

	private SampleAppProcess(Process process) {
		this.process = process;
		this.reader = new Thread(this::readOutput, "sample-app-output-" + process.pid());
		this.reader.setDaemon(true);
		this.reader.start();
	}

	/**
	 * Starts the application with the demo database off.
	 * @param httpPort the port to serve HTTP on
	 * @param dbPort the port of the database server, on 127.0.0.1
	 * @param arguments more application arguments, such as {@code --portend.timeout=3s}
	 */
	static SampleAppProcess start(int httpPort, int dbPort, String... arguments) throws IOException {
		return start(List.of(), httpPort, dbPort, arguments);
	}

	/**
	 * Starts the application in a JVM with options of the test's, with the demo database off.
	 * @param jvmOptions the JVM's options, such as {@code -Dspring.aot.enabled=true}
	 * @param httpPort the port to serve HTTP on
	 * @param dbPort the port of the database server, on 127.0.0.1
	 * @param arguments more application arguments, such as {@code --portend.timeout=3s}
	 */
	static SampleAppProcess start(List<String> jvmOptions, int httpPort, int dbPort, String... arguments)
			throws IOException {
		List<String> all = new ArrayList<>(List.of("--sample.demo-database.enabled=false", "--DB_HOST=127.0.0.1",
				"--DB_PORT=" + dbPort));
		all.addAll(List.of(arguments));
		return launch(jvmOptions, httpPort, all);
	}

	/**
	 * Starts the application as it comes, with its demo database.
	 * @param httpPort the port to serve HTTP on
	 * @param arguments more application arguments
	 */
	static SampleAppProcess startWithDemoDatabase(int httpPort, String... arguments) throws IOException {
		return launch(List.of(), httpPort, List.of(arguments));
	}

	private static SampleAppProcess launch(List<String> jvmOptions, int httpPort, List<String> arguments)
			throws IOException {
		assertThat(JAR).as("the packaged application (run 'package' first)").isRegularFile();
		// Start-up speed matters more than peak performance here.
		List<String> command = new ArrayList<>(List.of(JAVA.toString(), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"));
		command.addAll(jvmOptions);
		command.addAll(List.of("-jar", JAR.toString(), "--server.address=127.0.0.1", "--server.port=" + httpPort));
		command.addAll(arguments);
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
		builder.environment().keySet().removeIf((name) -> name.startsWith("DB_") || name.startsWith("PORTEND_"));
		return new SampleAppProcess(builder.start());
	}

	private void readOutput() {
		try (BufferedReader output = new BufferedReader(
				new InputStreamReader(this.process.getInputStream(), StandardCharsets.UTF_8))) {
			String line;
			while ((line = output.readLine()) != null) {
				synchronized (this.lines) {
					this.lines.add(line);
					this.lines.notifyAll();
				}
			}
		}
		catch (IOException ex) {
			// The process was destroyed while we read: its output ends here.
		}
		finally {
			synchronized (this.lines) {
				this.lines.add(null);
				this.lines.notifyAll();
			}
		}
	}

	/**
	 * Waits for an output line that matches.
	 * @param description what the line says, for the failure message
	 * @param matcher the test for the line
	 * @param timeout how long to wait at most
	 * @return the first matching line
	 */
	String awaitLine(String description, Predicate<String> matcher, Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		int next = 0;
		synchronized (this.lines) {
			while (true) {
				for (; next < this.lines.size(); next++) {
					String line = this.lines.get(next);
					if (line == null) {
						return fail("The application ended (exit code %s) before printing %s. Output:%n%s",
								this.process.waitFor(), description, output());
					}
					if (matcher.test(line)) {
						return line;
					}
				}
				long left = deadline - System.nanoTime();
				if (left <= 0) {
					return fail("The application did not print %s within %s. Output:%n%s", description, timeout,
							output());
				}
				TimeUnit.NANOSECONDS.timedWait(this.lines, left);
			}
		}
	}

	/** Everything the application printed so far. */
	String output() {
		synchronized (this.lines) {
			return String.join(System.lineSeparator(), this.lines.stream().filter((line) -> line != null).toList());
		}
	}

	Process process() {
		return this.process;
	}

	/**
	 * Stops the application: SIGTERM, then SIGKILL for it and its descendants if it is still
	 * there after a while.
	 */
	@Override
	public void close() throws InterruptedException {
		List<ProcessHandle> descendants = this.process.descendants().toList();
		// Not Process.destroy(): it closes the output before the application wrote its last lines.
		this.process.toHandle().destroy();
		if (!this.process.waitFor(20, TimeUnit.SECONDS)) {
			this.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
		}
		descendants.forEach(ProcessHandle::destroyForcibly);
		this.reader.join(Duration.ofSeconds(10).toMillis());
	}

}
