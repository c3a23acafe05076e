package io.portend.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.portend.Checker;
import io.portend.HostPort;

/**
 * B5: the time to confirm that many ports, all listening, are occupied.
 */
final class ManyTargets {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private static final int BACKLOG = 50;

	private final Plan plan;

	ManyTargets(Plan plan) {
		this.plan = plan;
	}

	Figure measure() throws Exception {
		Checker checker = new Checker();
		List<Row> rows = new ArrayList<>();
		for (int count : new int[] { 10, 100, 1000 }) {
			try (Listeners listeners = Listeners.open(count, BACKLOG)) {
				List<HostPort> targets = listeners.targets();
				Waiter.Wait candidate = () -> checker.awaitOccupied(targets, TIMEOUT);
				Waiter.Wait reference = () -> {
					for (HostPort target : targets) {
						PythonPortend.occupied(target.host(), target.port(), TIMEOUT);
					}
				};
				// One untimed run each: the first also pays for opening the listeners' accept paths.
				millis(candidate);
				millis(reference);
				List<Samples> samples = Interleaved.samples(this.plan.trials((count < 1000) ? 20 : 10, 2),
						List.of(() -> millis(candidate), () -> millis(reference)));
				Samples coreSamples = samples.get(0);
				Samples pythonSamples = samples.get(1);
				Goal goal = (count == 1000) ? new Goal().atMost("p50", coreSamples.median(), 50, " ms") : null;
				rows.add(new Row("N = " + count, "ms", coreSamples, pythonSamples,
						Row.timesBetter(coreSamples, pythonSamples), goal));
			}
		}
		String method = "N listeners on " + Loopback.HOST + ", all accepting. Time to confirm all occupied: one "
				+ "new Checker().awaitOccupied(all N) vs Python portend's occupied() on each in turn. After one "
				+ "untimed run each, " + this.plan.trials(20, 2) + " trials (" + this.plan.trials(10, 2)
				+ " for N = 1000), interleaved.";
		return new Figure("B5", "Many targets, all listening", method, rows);
	}

	private static double millis(Waiter.Wait wait) throws Exception {
		long start = System.nanoTime();
		wait.run();
		return (System.nanoTime() - start) / 1e6;
	}

}
