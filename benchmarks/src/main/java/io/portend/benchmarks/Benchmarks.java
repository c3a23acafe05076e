package io.portend.benchmarks;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;

import io.portend.Portend;
import io.portend.servers.Listener;
import io.portend.servers.Listeners;

/**
 * Measures what portend exists for against Python portend's algorithm, prints a table, and
 * rewrites BENCHMARKS.md at the repository root.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar [--quick] [--only B1,B5]
 * </pre>
 *
 * {@code --quick} is a smoke run with few trials: it writes {@code target/benchmarks-quick.md}
 * instead of BENCHMARKS.md. {@code --only} runs some figures and writes
 * {@code target/benchmarks-partial.md}. The exit status is 1 if a figure failed to measure,
 * never because a goal was missed.
 */
public final class Benchmarks {

	static final String COMMAND = "./mvnw -B -ntp -pl benchmarks -am package -DskipTests && java -jar benchmarks/target/benchmarks.jar";

	/** Fixed, so that runs differ only by the machine. */
	private static final long SEED = 42;

	private Benchmarks() {
	}

	/**
	 * Runs the benchmarks.
	 * @param args {@code --quick}, {@code --only B1,B2,…}
	 * @throws Exception if the report cannot be written
	 */
	public static void main(String[] args) throws Exception {
		boolean quick = false;
		Set<String> only = null;
		for (int i = 0; i < args.length; i++) {
			if (args[i].equals("--quick")) {
				quick = true;
			}
			else if (args[i].equals("--only") && i + 1 < args.length) {
				only = Set.of(args[++i].toUpperCase().split(","));
			}
			else {
				System.err.println("Unknown argument '" + args[i] + "'. Usage: java -jar benchmarks.jar [--quick] [--only B1,B5]");
				System.exit(2);
			}
		}
		Path target = jarDirectory();
		Plan plan = new Plan(quick, target.getParent().getParent(), target);
		Machine machine = Machine.current();
		long start = System.nanoTime();
		warmUp();
		List<Figure> figures = new ArrayList<>();
		List<String> errors = new ArrayList<>();
		for (Map.Entry<String, Callable<Figure>> benchmark : benchmarks(plan).entrySet()) {
			if (only != null && !only.contains(benchmark.getKey())) {
				continue;
			}
			long figureStart = System.nanoTime();
			try {
				figures.add(benchmark.getValue().call());
				System.out.println("Measured " + benchmark.getKey() + " in "
						+ Duration.ofNanos(System.nanoTime() - figureStart).toSeconds() + " s");
			}
			catch (Exception ex) {
				errors.add(benchmark.getKey() + " could not be measured: " + ex);
				ex.printStackTrace();
			}
		}
		Report report = new Report(plan, machine, figures, errors,
				Duration.ofNanos(System.nanoTime() - start).toSeconds());
		System.out.println();
		System.out.print(report.console());
		Path file = reportFile(plan, only != null, errors.isEmpty());
		Files.writeString(file, report.markdown());
		System.out.println("Wrote " + file);
		if (!errors.isEmpty()) {
			System.exit(1);
		}
	}

	private static Map<String, Callable<Figure>> benchmarks(Plan plan) {
		DetectionLatency detection = new DetectionLatency(plan, new Random(SEED));
		Map<String, Callable<Figure>> benchmarks = new LinkedHashMap<>();
		benchmarks.put("B1", detection::occupied);
		benchmarks.put("B2", detection::free);
		benchmarks.put("B3", new WaitingCpu(plan)::measure);
		benchmarks.put("B4", new DeadlineOvershoot(plan)::measure);
		benchmarks.put("B5", new ManyTargets(plan)::measure);
		benchmarks.put("B6", new CliStartup(plan)::measure);
		benchmarks.put("B7", new StarterStartup(plan)::measure);
		benchmarks.put("B8", new HealthLatency(plan)::measure);
		ServerFigures servers = new ServerFigures(plan);
		benchmarks.put("B9", servers::postgresqlReadiness);
		benchmarks.put("B10", servers::conversationCost);
		return benchmarks;
	}

	/**
	 * BENCHMARKS.md only for a complete, successful full run; anything else goes to target/.
	 */
	private static Path reportFile(Plan plan, boolean partial, boolean succeeded) {
		if (plan.quick()) {
			return plan.target().resolve("benchmarks-quick.md");
		}
		if (partial) {
			return plan.target().resolve("benchmarks-partial.md");
		}
		return succeeded ? plan.root().resolve("BENCHMARKS.md") : plan.target().resolve("benchmarks-failed.md");
	}

	/**
	 * Compiles both implementations' paths before anything is timed, so that no figure measures
	 * the interpreter.
	 */
	private static void warmUp() throws Exception {
		try (Listeners listeners = new Listeners(); RefusingPort refusing = RefusingPort.open()) {
			Listener listener = listeners.closingAtOnce();
			for (int i = 0; i < 200; i++) {
				Portend.occupied(Loopback.HOST, listener.port(), Duration.ofSeconds(5));
				Portend.free(Loopback.HOST, refusing.port(), Duration.ofSeconds(5));
				PythonPortend.occupied(Loopback.HOST, listener.port(), Duration.ofSeconds(5));
				PythonPortend.free(Loopback.HOST, refusing.port(), Duration.ofSeconds(5));
			}
		}
	}

	private static Path jarDirectory() throws URISyntaxException, IOException {
		Path location = Path.of(Benchmarks.class.getProtectionDomain().getCodeSource().getLocation().toURI());
		Path target = location.getParent();
		if (!Files.isRegularFile(location) || !Files.isRegularFile(target.getParent().getParent().resolve("pom.xml"))) {
			throw new IOException("Run the benchmarks as benchmarks/target/benchmarks.jar of a built checkout (found "
					+ location + "): " + COMMAND);
		}
		return target;
	}

}
