package io.portend.benchmarks;

import java.util.ArrayList;
import java.util.List;

import io.portend.HostPort;
import io.portend.benchmarks.boot.BenchApplication;
import io.portend.servers.Listener;
import io.portend.servers.Listeners;

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
		int runs = this.plan.trials(20, 1);
		List<List<Start>> starts;
		try (Listeners listeners = new Listeners()) {
			List<String> waitFor = new ArrayList<>(NON_WEB);
			List<HostPort> targets = listeners.closingAtOnce(TARGETS).stream().map(Listener::target).toList();
			for (int i = 0; i < targets.size(); i++) {
				waitFor.add("--portend.wait-for.target" + i + "=" + targets.get(i));
			}
			List<String> disabledArguments = new ArrayList<>(waitFor);
			disabledArguments.add("--portend.enabled=false");
			List<List<String>> commands = List.of(this.applications.withoutStarter(NON_WEB),
					this.applications.withStarter(waitFor), this.applications.withStarter(disabledArguments));
			if (!this.plan.quick()) {
				// Untimed: the first start pays for reading the jars into the page cache.
				start(commands.get(0));
			}
			starts = Interleaved.run(runs,
					commands.stream().<Interleaved.Trial<Start>>map((command) -> () -> start(command)).toList());
		}
		Samples reference = Samples.of(starts.get(0).stream().map(Start::millis).toList());
		Samples waitingSamples = Samples.of(starts.get(1).stream().map(Start::millis).toList());
		Samples disabledSamples = Samples.of(starts.get(2).stream().map(Start::millis).toList());
		Samples portendSamples = Samples.of(starts.get(1).stream().map(Start::portendMillis).toList());
		Samples portendCpuSamples = Samples.of(starts.get(1).stream().map(Start::portendCpuMillis).toList());
		List<Double> runQueueMillis = starts.get(1).stream().map(Start::portendRunQueueMillis).toList();
		String method = "A minimal non-web Spring Boot application (" + BenchApplication.class.getSimpleName()
				+ ": @SpringBootApplication, spring-boot-starter-webmvc and -actuator on the class path, "
				+ "spring.main.web-application-type=none, logging at WARN) in a JVM of its own; time from starting "
				+ "the process to the line it prints on ApplicationReadyEvent. With the starter and " + TARGETS
				+ " targets in portend.wait-for, all listening on " + Loopback.HOST + " (so start-up waits for one "
				+ "round of checks); and with the starter and the same targets but portend.enabled=false. "
				+ "Reference: the same application with the starter's jar left off the class path. "
				+ (this.plan.quick() ? "Quick mode: C1 only (" + BootApplications.QUICK_JVM_OPTION + "), "
						: "Default JVM options; after one untimed start, ")
				+ runs + " starts each, the three interleaved. The whole-JVM start of this application varies by "
				+ "about ±250 ms from run to run on this machine (identical runs measured 2.5–4.1 s; the difference "
				+ "of paired starts has a standard deviation of 350–520 ms, and the main thread's CPU time until "
				+ "ready one of 150–210 ms), so " + runs + " starts cannot resolve what the starter adds; an "
				+ "attribution shows it instead: in the same cold starts with the starter and " + TARGETS + " targets up, the "
				+ "time that portend's start-up steps take on the main thread, as an ApplicationStartup of the "
				+ "benchmark's (PortendStepClock, recording in every variant) sees "
				+ "them: the creation of the starter's beans and portend's own steps (named portend.*), each counted "
				+ "once, a step inside another of them being part of that one already; wall time, the main "
				+ "thread's CPU time in them, and the time it waited for a core in them, runnable but not running "
				+ "(its run-queue time from /proc/thread-self/schedstat, read just outside each step; no row where "
				+ "Linux does not tell it). Wall time is about the sum of the other two: while an application "
				+ "starts, the JIT compilers' threads compile its code, and on few cores the main thread takes "
				+ "turns with them. Steps on other threads are not counted (the starter's background "
				+ "pre-initializer loads the JDK's socket classes on Spring Boot's background-preinit thread while the "
				+ "context is prepared). No goal: the former one, at most 30 ms, sat inside this machine's noise "
				+ "(21–35 ms between identical runs), so B7 is information only.";
		List<Row> rows = new ArrayList<>();
		rows.add(new Row("starter, " + TARGETS + " targets up", "ms", waitingSamples, reference,
				Row.added(waitingSamples, reference, "ms"), null));
		rows.add(new Row("starter's steps on the main thread", "ms", portendSamples, null, "–", null));
		rows.add(new Row("main thread's CPU time in those steps", "ms", portendCpuSamples, null, "–", null));
		if (runQueueMillis.stream().noneMatch((millis) -> millis.isNaN())) {
			rows.add(new Row("main thread's time waiting for a core in them", "ms", Samples.of(runQueueMillis), null,
					"–", null));
		}
		rows.add(new Row("starter, portend.enabled=false", "ms", disabledSamples, reference,
				Row.added(disabledSamples, reference, "ms"), null));
		return new Figure("B7", "Starter start-up cost", method, rows);
	}

	private static Start start(List<String> command) throws Exception {
		Jvm.Started started = Jvm.startUntil(command, BenchApplication.READY);
		Jvm.stop(started.process());
		String[] portend = started.after(BenchApplication.PORTEND_MAIN_THREAD_MS + " ").split(" ");
		return new Start(started.millis(), Double.parseDouble(portend[0]), Double.parseDouble(portend[1]),
				Double.parseDouble(portend[2]));
	}

	/**
	 * One start of the application.
	 * @param millis milliseconds from starting the process to the application being ready
	 * @param portendMillis milliseconds of portend's start-up steps on the main thread
	 * @param portendCpuMillis CPU milliseconds of the main thread in those steps
	 * @param portendRunQueueMillis milliseconds the main thread waited for a core in those steps,
	 * or {@code NaN} if that cannot be told
	 */
	private record Start(double millis, double portendMillis, double portendCpuMillis, double portendRunQueueMillis) {

	}

}
