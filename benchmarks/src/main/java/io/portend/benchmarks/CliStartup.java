package io.portend.benchmarks;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.portend.HostPort;
import io.portend.servers.Listeners;

/**
 * B6: the CLI's start-up, checking a port that is already open, against the floor of any JVM's
 * start-up on this machine and the floor of any JVM that connects once.
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
		try (Listeners listeners = new Listeners(); Distributions distributions = Distributions.unpack(this.plan)) {
			HostPort target = listeners.closingAtOnce().target();
			List<List<String>> commands = List.of(
					Jvm.command("-jar", cliJar.toString(), target.toString(), "occupied"),
					Jvm.command("-cp", benchmarksJar.toString(), Trivial.class.getName()),
					Jvm.command("-cp", benchmarksJar.toString(), ConnectOnce.class.getName(),
							Integer.toString(target.port())),
					List.of(distributions.plain().toString(), target.toString(), "occupied"),
					List.of(distributions.selfContained().toString(), target.toString(), "occupied"));
			// One untimed run each: the first run of a jar pays for the page cache.
			for (List<String> command : commands) {
				Jvm.millisToExit(command);
			}
			samples = Interleaved.samples(runs, commands.stream()
				.<Interleaved.Trial<Double>>map((command) -> () -> Jvm.millisToExit(command))
				.toList());
		}
		Samples cliSamples = samples.get(0);
		Samples trivialSamples = samples.get(1);
		Samples connectSamples = samples.get(2);
		Samples plainSamples = samples.get(3);
		Samples selfContainedSamples = samples.get(4);
		String method = "Wall time from starting the process to its exit: `java -jar "
				+ this.plan.root().relativize(cliJar) + " 127.0.0.1:<port> occupied` on a port already listening, "
				+ "vs (reference) `java -cp " + this.plan.root().relativize(benchmarksJar) + " "
				+ Trivial.class.getName() + "`, an empty main: the floor of a JVM's start-up here. Second row: `java "
				+ "-cp " + this.plan.root().relativize(benchmarksJar) + " " + ConnectOnce.class.getName()
				+ " <port>`, a main that opens a SocketChannel, connects once (blocking) to the same port, closes "
				+ "it and exits: on JDK 17 a fresh JVM's first TCP connection loads the NIO classes and bootstraps "
				+ "the lambda in SelectorProvider, so this is the floor of any Java CLI that checks a port. Default "
				+ "JVM options (class data sharing on). Last two rows: `bin/portend 127.0.0.1:<port> occupied` of "
				+ "each archive portend-cli builds, unpacked with tar: portend-VERSION.tar.gz on the same java "
				+ "(JAVA_HOME), and the self-contained portend-VERSION-PLATFORM.tar.gz on its own java.base-only "
				+ "runtime with the class data archived at build time; both with the launcher's options (C1 only, "
				+ "serial GC). After one untimed run each, " + runs + " runs each, the five interleaved.";
		return new Figure("B6", "CLI start-up", method, List.of(
				new Row("start to exit", "ms", cliSamples, trivialSamples, comparison(cliSamples, trivialSamples)
						+ "; " + Row.added(cliSamples, connectSamples, "ms", "a bare connect"),
						new Goal().atMost("p50", cliSamples.median(), 80, " ms")),
				new Row("bare JVM connecting once", "ms", connectSamples, trivialSamples,
						Row.added(connectSamples, trivialSamples, "ms"), null),
				new Row("bin/portend, portend-VERSION.tar.gz", "ms", plainSamples, trivialSamples,
						comparison(plainSamples, trivialSamples), null),
				new Row("bin/portend, self-contained archive", "ms", selfContainedSamples, trivialSamples,
						comparison(selfContainedSamples, trivialSamples),
						new Goal().atMost("p50 ÷ the floor's", selfContainedSamples.median() / trivialSamples.median(),
								1, "×"))));
	}

	private static String comparison(Samples cli, Samples trivial) {
		return Row.added(cli, trivial, "ms") + ", " + Report.number(cli.median() / trivial.median()) + "× the floor";
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
