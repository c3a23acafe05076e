package io.portend.benchmarks;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.sun.management.OperatingSystemMXBean;
import io.portend.Portend;

/**
 * B3: the CPU that waiting itself costs, on a port that refuses connections, and the floor
 * under it: the cost of bare connection attempts as often as detection needs.
 */
final class WaitingCpu {

	private static final OperatingSystemMXBean OS = (OperatingSystemMXBean) ManagementFactory
		.getOperatingSystemMXBean();

	private final Plan plan;

	WaitingCpu(Plan plan) {
		this.plan = plan;
	}

	Figure measure() throws Exception {
		Duration wait = this.plan.quick() ? Duration.ofSeconds(1) : Duration.ofSeconds(5);
		Duration longWait = this.plan.quick() ? Duration.ofSeconds(2) : Duration.ofSeconds(30);
		int trials = this.plan.trials(3, 1);
		List<List<CpuUse>> uses;
		List<Double> longWaitThread = new ArrayList<>();
		try (RefusingPort refusing = RefusingPort.open()) {
			int port = refusing.port();
			uses = Interleaved.run(trials, List.of(() -> measure(() -> Thread.sleep(wait.toMillis()), wait),
					() -> measure(() -> Waiter.expectTimeout(() -> Portend.occupied(Loopback.HOST, port, wait)), wait),
					() -> measure(() -> Waiter.expectTimeout(() -> PythonPortend.occupied(Loopback.HOST, port, wait)),
							wait),
					() -> measure(() -> BareAttempts.run(port, wait), wait)));
			// Rounds grow apart as a wait goes on: a longer wait costs less on average.
			for (int i = 0; i < trials; i++) {
				longWaitThread.add(measure(
						() -> Waiter.expectTimeout(() -> Portend.occupied(Loopback.HOST, port, longWait)), longWait)
					.thread());
			}
		}
		List<Double> candidateThread = new ArrayList<>();
		List<Double> referenceThread = new ArrayList<>();
		List<Double> candidateProcess = new ArrayList<>();
		List<Double> referenceProcess = new ArrayList<>();
		List<Double> floorThread = new ArrayList<>();
		for (int i = 0; i < trials; i++) {
			double idle = uses.get(0).get(i).process();
			candidateThread.add(uses.get(1).get(i).thread());
			referenceThread.add(uses.get(2).get(i).thread());
			candidateProcess.add(uses.get(1).get(i).process() - idle);
			referenceProcess.add(uses.get(2).get(i).process() - idle);
			floorThread.add(uses.get(3).get(i).thread());
		}
		Samples coreThread = Samples.of(candidateThread);
		Samples pythonThread = Samples.of(referenceThread);
		Samples coreProcess = Samples.of(candidateProcess);
		Samples pythonProcess = Samples.of(referenceProcess);
		String interval = BareAttempts.INTERVAL.toMillis() + " ms";
		String method = "Portend.occupied vs Python portend's loop on " + Loopback.HOST
				+ " with a port that refuses, for " + wait.toSeconds() + " s (the wait's timeout). Waiting thread: "
				+ "its CPU time (ThreadMXBean) as % of one core over the wait. Process: the JVM's CPU time "
				+ "(OperatingSystemMXBean) during the wait, minus that during an idle period as long (a thread that "
				+ "only sleeps) in the same trial, "
				+ "as % of one core (the JVM reports process CPU time in 10 ms steps here: ±0.2 points per "
				+ "5 s). Floor: a loop in the benchmark (" + BareAttempts.class.getSimpleName() + ") that on a "
				+ "thread of its own opens a SocketChannel, connects (blocking) to the same port, is refused and "
				+ "closes it, every " + interval + " for as long, and nothing else: what the JDK and the kernel "
				+ "charge for polling every " + interval + ", the longest interval that still lets B1's p50 be "
				+ "≤ 5 ms (a port that opens at a random moment is noticed half an interval later on average); "
				+ "its thread's CPU time measured as the waiting thread's. " + trials
				+ " trials, the four interleaved. Then " + trials + " waits of " + longWait.toSeconds()
				+ " s, waiting thread only.";
		Samples floor = Samples.of(floorThread);
		Samples longWaitSamples = Samples.of(longWaitThread);
		// Polling often enough for B1 costs what the floor costs: the goal is what the machine allows.
		return new Figure("B3", "CPU used while waiting", method,
				List.of(new Row("waiting thread", "% of a core", coreThread, pythonThread,
						Row.added(coreThread, pythonThread, "points"),
						new Goal().atMost("p50", coreThread.median(), floor.median(), " % (the floor's p50)")),
						new Row("process minus idle", "% of a core", coreProcess, pythonProcess,
								Row.added(coreProcess, pythonProcess, "points"), null),
						new Row("waiting thread, " + longWait.toSeconds() + " s wait", "% of a core", longWaitSamples,
								null, "–", new Goal().atMost("p50", longWaitSamples.median(), 1, " %")),
						new Row("floor: one bare connect every " + interval, "% of a core", floor, null, "–", null)));
	}

	/**
	 * Runs the wait on its own thread.
	 */
	private static CpuUse measure(Waiter.Wait wait, Duration timeout) throws InterruptedException {
		long processStart = OS.getProcessCpuTime();
		long start = System.nanoTime();
		Waiter waiter = Waiter.start(wait);
		long returned = waiter.awaitReturn(timeout.plusSeconds(10));
		long process = OS.getProcessCpuTime() - processStart;
		long wall = returned - start;
		return new CpuUse(percentOfCore(waiter.cpuNanos(), wall), percentOfCore(process, wall));
	}

	private static double percentOfCore(long cpuNanos, long wallNanos) {
		return 100.0 * cpuNanos / wallNanos;
	}

	/**
	 * CPU time as % of one core over a wait.
	 * @param thread the waiting thread's
	 * @param process the whole JVM's
	 */
	private record CpuUse(double thread, double process) {

	}

}
