package io.portend.benchmarks;

import java.util.ArrayList;
import java.util.List;

import io.portend.HostPort;
import io.portend.benchmarks.boot.BenchApplication;

/**
 * B7: what the starter adds to an application's start-up when its targets are already up.
 */
final class StarterStartup {

	private static final int TARGETS = 10;

	private static final List<String> NON_WEB = List.of("--spring.main.web-application-type=none");

	private final Plan plan;

	private final BootApplications applications;

	StarterStartup(Plan plan) {
		this.plan = plan;
		this.applications = new BootApplications(plan);
	}

	Figure measure() throws Exception {
		int runs = this.plan.trials(10, 1);
		List<Samples> samples;
		try (Listeners listeners = Listeners.open(TARGETS, 50)) {
			List<String> waitFor = new ArrayList<>(NON_WEB);
			List<HostPort> targets = listeners.targets();
			for (int i = 0; i < targets.size(); i++) {
				waitFor.add("--portend.wait-for.target" + i + "=" + targets.get(i));
			}
			List<String> disabledArguments = new ArrayList<>(waitFor);
			disabledArguments.add("--portend.enabled=false");
			List<List<String>> commands = List.of(this.applications.withoutStarter(NON_WEB),
					this.applications.withStarter(waitFor), this.applications.withStarter(disabledArguments));
			if (!this.plan.quick()) {
				// Untimed: the first start pays for reading the jars into the page cache.
				millisToReady(commands.get(0));
			}
			samples = Interleaved.samples(runs, commands.stream()
				.<Interleaved.Trial<Double>>map((command) -> () -> millisToReady(command))
				.toList());
		}
		Samples reference = samples.get(0);
		Samples waitingSamples = samples.get(1);
		Samples disabledSamples = samples.get(2);
		String method = "A minimal non-web Spring Boot application (" + BenchApplication.class.getSimpleName()
				+ ": @SpringBootApplication, spring-boot-starter-webmvc and -actuator on the class path, "
				+ "spring.main.web-application-type=none, logging at WARN) in a JVM of its own; time from starting "
				+ "the process to the line it prints on ApplicationReadyEvent. With the starter and " + TARGETS
				+ " targets in portend.wait-for, all listening on " + Loopback.HOST + " (so start-up waits for one "
				+ "round of checks); and with the starter and the same targets but portend.enabled=false. "
				+ "Reference: the same application with the starter's jar left off the class path. "
				+ (this.plan.quick() ? "Quick mode: C1 only (" + BootApplications.QUICK_JVM_OPTION + "), "
						: "Default JVM options; after one untimed start, ")
				+ runs + " starts each, the three interleaved.";
		return new Figure("B7", "Starter start-up cost", method,
				List.of(new Row("starter, " + TARGETS + " targets up", "ms", waitingSamples, reference,
						Row.added(waitingSamples, reference, "ms"),
						new Goal().atMost("added at p50", waitingSamples.median() - reference.median(), 30, " ms")),
						new Row("starter, portend.enabled=false", "ms", disabledSamples, reference,
								Row.added(disabledSamples, reference, "ms"), null)));
	}

	private static double millisToReady(List<String> command) throws Exception {
		Jvm.Started started = Jvm.startUntil(command, BenchApplication.READY);
		Jvm.stop(started.process());
		return started.millis();
	}

}
