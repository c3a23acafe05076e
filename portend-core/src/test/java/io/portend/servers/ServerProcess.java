package io.portend.servers;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A server process started by a test, its output appended to a log file, and commands run to
 * completion within a time limit. Whatever fails says so with the end of the log.
 */
public final class ServerProcess {

	private static final int LOG_TAIL_CHARS = 3000;

	private final Process process;

	private final Path log;

	private ServerProcess(Process process, Path log) {
		this.process = process;
		this.log = log;
	}

	/**
	 * Starts a process that keeps running.
	 * @param command the command and its arguments
	 * @param environment variables to set for it, beside the test's own
	 * @param log the file its output and errors are appended to
	 */
	public static ServerProcess start(List<String> command, Map<String, String> environment, Path log) {
		return new ServerProcess(launch(command, environment, log), log);
	}

	/**
	 * Runs a command to completion.
	 * @throws IllegalStateException if it fails or takes longer than the limit, with its output
	 */
	public static void run(List<String> command, Map<String, String> environment, Path log, Duration limit) {
		Process process = launch(command, environment, log);
		try {
			if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
				process.destroyForcibly();
				throw new IllegalStateException("Took longer than " + limit + ": " + command + "\n" + tail(log));
			}
			if (process.exitValue() != 0) {
				throw new IllegalStateException(
						"Failed with exit code " + process.exitValue() + ": " + command + "\n" + tail(log));
			}
		}
		catch (InterruptedException ex) {
			process.destroyForcibly();
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while running " + command, ex);
		}
	}

	/**
	 * Returns whether the process still runs.
	 */
	public boolean isAlive() {
		return this.process.isAlive();
	}

	/**
	 * Asks the process to stop (SIGTERM), and kills it if it has not within the grace period.
	 */
	public void stop(Duration grace) {
		this.process.destroy();
		try {
			if (!this.process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
				this.process.destroyForcibly().waitFor(grace.toMillis(), TimeUnit.MILLISECONDS);
			}
		}
		catch (InterruptedException ex) {
			this.process.destroyForcibly();
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * Returns the end of the log, to explain a failure.
	 */
	public String logTail() {
		return tail(this.log);
	}

	static String tail(Path log) {
		try {
			String text = Files.readString(log, StandardCharsets.UTF_8);
			return (text.length() > LOG_TAIL_CHARS) ? "…" + text.substring(text.length() - LOG_TAIL_CHARS) : text;
		}
		catch (IOException ex) {
			return "(no log: " + ex.getMessage() + ")";
		}
	}

	private static Process launch(List<String> command, Map<String, String> environment, Path log) {
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
			.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
		builder.environment().putAll(environment);
		try {
			return builder.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot start " + command, ex);
		}
	}

}
