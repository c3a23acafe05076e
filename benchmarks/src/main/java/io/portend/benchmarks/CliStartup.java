package io.portend.benchmarks;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * B6: the CLI's start-up, checking a port that is already open, against the floor of any JVM's
 * start-up on this machine.
 */
final class CliStartup {

	private final Plan plan;

	CliStartup(Plan plan) {
		this.plan = plan;
	}

	Figure measure() throws Exception {
		Path cliJar = coreJar();
		Path benchmarksJar = this.plan.target().resolve("benchmarks.jar");
		int runs = this.plan.trials(25, 2);
		List<Samples> samples;
		try (Listeners listeners = Listeners.open(1, 50)) {
			String target = listeners.targets().get(0).toString();
			List<String> cliCommand = Jvm.command("-jar", cliJar.toString(), target, "occupied");
			List<String> trivialCommand = Jvm.command("-cp", benchmarksJar.toString(), Trivial.class.getName());
			// One untimed run each: the first run of a jar pays for the page cache.
			Jvm.millisToExit(cliCommand);
			Jvm.millisToExit(trivialCommand);
			samples = Interleaved.samples(runs,
					List.of(() -> Jvm.millisToExit(cliCommand), () -> Jvm.millisToExit(trivialCommand)));
		}
		Samples cliSamples = samples.get(0);
		Samples trivialSamples = samples.get(1);
		String comparison = Row.added(cliSamples, trivialSamples, "ms") + ", "
				+ Report.number(cliSamples.median() / trivialSamples.median()) + "× the floor";
		String method = "Wall time from starting the process to its exit: `java -jar "
				+ this.plan.root().relativize(cliJar) + " 127.0.0.1:<port> occupied` on a port already listening, "
				+ "vs (reference) `java -cp " + this.plan.root().relativize(benchmarksJar) + " "
				+ Trivial.class.getName() + "`, an empty main: the floor of a JVM's start-up here. Default JVM "
				+ "options (class data sharing on). After one untimed run each, " + runs + " runs each, interleaved.";
		return new Figure("B6", "CLI start-up", method, List.of(new Row("start to exit", "ms", cliSamples,
				trivialSamples, comparison, new Goal().atMost("p50", cliSamples.median(), 80, " ms"))));
	}

	private Path coreJar() throws IOException {
		Path directory = this.plan.root().resolve("portend-core").resolve("target");
		try (DirectoryStream<Path> jars = Files.newDirectoryStream(directory, "portend-core-*.jar")) {
			for (Path jar : jars) {
				String name = jar.getFileName().toString();
				if (!name.endsWith("-sources.jar") && !name.endsWith("-javadoc.jar") && !name.endsWith("-tests.jar")) {
					return jar;
				}
			}
		}
		throw new IOException("No portend-core jar in " + directory + ": build it with " + Benchmarks.COMMAND);
	}

}
