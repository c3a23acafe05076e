package io.portend.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Starts JVMs with the java that runs the benchmarks, and times them.
 */
final class Jvm {

	private static final Path JAVA = Path.of(System.getProperty("java.home"), "bin", "java");

	private static final Duration BOUND = Duration.ofSeconds(60);

	private Jvm() {
	}

	/** {@code java} followed by the arguments. */
	static List<String> command(String... arguments) {
		List<String> command = new ArrayList<>();
		command.add(JAVA.toString());
		command.addAll(List.of(arguments));
		return command;
	}

	/**
	 * Runs a JVM to its end.
	 * @return milliseconds from starting the process to its exit
	 * @throws IllegalStateException if it did not exit with 0 in time
	 */
	static double millisToExit(List<String> command) throws IOException, InterruptedException {
		Path log = Files.createTempFile("portend-benchmark-", ".log");
		try {
			long start = System.nanoTime();
			ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
			// A launcher that looks for a Java finds this one.
			builder.environment().put("JAVA_HOME", JAVA.getParent().getParent().toString());
			Process process = builder.start();
			boolean exited = process.waitFor(BOUND.toMillis(), TimeUnit.MILLISECONDS);
			long end = System.nanoTime();
			if (!exited) {
				process.destroyForcibly().waitFor(BOUND.toMillis(), TimeUnit.MILLISECONDS);
				throw new IllegalStateException(describe(command) + " did not exit within " + BOUND.toSeconds() + " s.");
			}
			if (process.exitValue() != 0) {
				throw new IllegalStateException(describe(command) + " exited with " + process.exitValue() + ": "
						+ Files.readString(log).strip());
			}
			return (end - start) / 1e6;
		}
		finally {
			Files.delete(log);
		}
	}

	/**
	 * Starts a JVM, waits for it to print a line, and lets it run: the caller stops it.
	 * @return the process, milliseconds from starting it to the line, and the lines before
	 * @throws IllegalStateException if it ended or did not print the line in time (it is stopped)
	 */
	static Started startUntil(List<String> command, String line) throws IOException, InterruptedException {
		long start = System.nanoTime();
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		// A process that hangs is killed, which ends the reading below.
		process.onExit().orTimeout(BOUND.toMillis(), TimeUnit.MILLISECONDS).exceptionally((ex) -> {
			process.destroyForcibly();
			return process;
		});
		BufferedReader output = new BufferedReader(
				new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
		List<String> before = new ArrayList<>();
		String read;
		while ((read = output.readLine()) != null) {
			if (read.equals(line)) {
				double millis = (System.nanoTime() - start) / 1e6;
				drain(output);
				return new Started(process, millis, before);
			}
			before.add(read);
		}
		stop(process);
		throw new IllegalStateException(describe(command) + " ended without printing '" + line + "': "
				+ String.join("\n", before.subList(Math.max(0, before.size() - 40), before.size())));
	}

	/**
	 * Stops a process and waits for it to end.
	 */
	static void stop(Process process) throws InterruptedException {
		process.destroy();
		if (!process.waitFor(BOUND.toMillis(), TimeUnit.MILLISECONDS)) {
			process.destroyForcibly().waitFor(BOUND.toMillis(), TimeUnit.MILLISECONDS);
		}
	}

	static String describe(List<String> command) {
		return String.join(" ", command);
	}

	/** Reads the rest of a process's output, so that it never blocks on a full pipe. */
	private static void drain(BufferedReader output) {
		Thread drainer = new Thread(() -> {
			try (output) {
				while (output.readLine() != null) {
					// Discarded: only the awaited line matters.
				}
			}
			catch (IOException ex) {
				// The process ended.
			}
		}, "drain");
		drainer.setDaemon(true);
		drainer.start();
	}

	/**
	 * A JVM that printed the awaited line.
	 * @param process the process
	 * @param millis milliseconds from starting it to the line
	 * @param output the lines it printed before that line
	 */
	record Started(Process process, double millis, List<String> output) {

		/**
		 * @return the rest of the last line of the output that starts with the prefix
		 * @throws IllegalStateException if none does
		 */
		String after(String prefix) {
			for (int i = this.output.size() - 1; i >= 0; i--) {
				if (this.output.get(i).startsWith(prefix)) {
					return this.output.get(i).substring(prefix.length());
				}
			}
			throw new IllegalStateException("No line starting with '" + prefix + "' before the awaited line: "
					+ String.join("\n", this.output));
		}

	}

}
