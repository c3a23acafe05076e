package io.portend.benchmarks;

import java.io.File;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the figures that need real servers (B9, B10) in a JVM of their own, which hands the
 * figure back in a file. Their servers' fixtures (portend-core's test jar), the Kafka broker, the
 * JDBC driver and Spring JDBC (target/readiness-lib/) stay off the harness's class path, which
 * the JVMs B6 starts share through benchmarks.jar's manifest, and the servers' threads end with
 * that JVM.
 */
final class ServerFigures {

	private static final String READINESS_LIB = "readiness-lib";

	private static final Duration BOUND = Duration.ofMinutes(20);

	/** lib/ holds Logback too, for B7's and B8's applications: the servers log through this one. */
	private static final String SLF4J_PROVIDER = "-Dslf4j.provider=org.slf4j.simple.SimpleServiceProvider";

	private final Plan plan;

	ServerFigures(Plan plan) {
		this.plan = plan;
	}

	Figure postgresqlReadiness() throws Exception {
		return run("B9");
	}

	Figure conversationCost() throws Exception {
		return run("B10");
	}

	private Figure run(String id) throws Exception {
		Path result = Files.createTempFile("portend-benchmark-" + id + "-", ".figure");
		try {
			List<String> command = Jvm.command(SLF4J_PROVIDER, "-cp", classPath(), ServerFigures.class.getName(), id,
					Boolean.toString(this.plan.quick()), this.plan.root().toString(), this.plan.target().toString(),
					result.toString());
			Process process = new ProcessBuilder(command).inheritIO().start();
			if (!process.waitFor(BOUND.toMillis(), TimeUnit.MILLISECONDS)) {
				Jvm.stop(process);
				throw new IllegalStateException(id + " did not end within " + BOUND.toMinutes() + " min: "
						+ Jvm.describe(command));
			}
			if (process.exitValue() != 0) {
				throw new IllegalStateException(id + "'s JVM exited with " + process.exitValue()
						+ " (its output is above): " + Jvm.describe(command));
			}
			try (ObjectInputStream in = new ObjectInputStream(Files.newInputStream(result))) {
				return (Figure) in.readObject();
			}
		}
		finally {
			Files.deleteIfExists(result);
		}
	}

	private String classPath() throws IOException {
		List<String> classPath = new ArrayList<>();
		classPath.add(this.plan.target().resolve("benchmarks.jar").toString());
		for (String directory : List.of(READINESS_LIB, "lib")) {
			Path lib = this.plan.target().resolve(directory);
			if (!Files.isDirectory(lib)) {
				throw new IOException("No " + lib + ": build with " + Benchmarks.COMMAND);
			}
			try (DirectoryStream<Path> jars = Files.newDirectoryStream(lib, "*.jar")) {
				jars.forEach((jar) -> classPath.add(jar.toString()));
			}
		}
		return String.join(File.pathSeparator, classPath);
	}

	/**
	 * Measures one figure and writes it to a file.
	 * @param args the figure's id, whether the run is quick, the repository root, the benchmarks
	 * module's build directory, and the file to write
	 * @throws Exception if the figure could not be measured
	 */
	public static void main(String[] args) throws Exception {
		Plan plan = new Plan(Boolean.parseBoolean(args[1]), Path.of(args[2]), Path.of(args[3]));
		Figure figure = switch (args[0]) {
			case "B9" -> new PostgresqlReadiness(plan).measure();
			case "B10" -> new ConversationCost(plan).measure();
			default -> throw new IllegalArgumentException("No figure '" + args[0] + "' runs in a JVM of its own.");
		};
		try (ObjectOutputStream out = new ObjectOutputStream(Files.newOutputStream(Path.of(args[4])))) {
			out.writeObject(figure);
		}
		// The Kafka broker's and the JDBC driver's threads are no reason to stay.
		System.exit(0);
	}

}
