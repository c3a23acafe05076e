package io.portend.benchmarks;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.sun.management.OperatingSystemMXBean;
import io.portend.Portend;

/**
 * B3: the CPU that waiting itself costs, on a port that refuses connections.
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
		int trials = this.plan.trials(3, 1);
		List<Double> candidateThread = new ArrayList<>();
		List<Double> referenceThread = new ArrayList<>();
		List<Double> candidateProcess = new ArrayList<>();
		List<Double> referenceProcess = new ArrayList<>();
		for (int i = 0; i < trials; i++) {
			int port = Portend.findAvailableLocalPort();
			double idle = idle(wait);
			Waiter.Wait candidate = () -> Waiter.expectTimeout(() -> Portend.occupied(Loopback.HOST, port, wait));
			Waiter.Wait reference = () -> Waiter.expectTimeout(() -> PythonPortend.occupied(Loopback.HOST, port, wait));
			CpuUse core;
			CpuUse python;
			if (i % 2 == 0) {
				core = measure(candidate, wait);
				python = measure(reference, wait);
			}
			else {
				python = measure(reference, wait);
				core = measure(candidate, wait);
			}
			candidateThread.add(core.thread());
			referenceThread.add(python.thread());
			candidateProcess.add(core.process() - idle);
			referenceProcess.add(python.process() - idle);
		}
		Samples coreThread = Samples.of(candidateThread);
		Samples pythonThread = Samples.of(referenceThread);
		Samples coreProcess = Samples.of(candidateProcess);
		Samples pythonProcess = Samples.of(referenceProcess);
		String method = "Portend.occupied vs Python portend's loop on " + Loopback.HOST
				+ " with a port that refuses, for " + wait.toSeconds() + " s (the wait's timeout). Waiting thread: "
				+ "its CPU time (ThreadMXBean) as % of one core over the wait. Process: the JVM's CPU time "
				+ "(OperatingSystemMXBean) during the wait, minus that of an idle period as long in the same trial, "
				+ "as % of one core (the JVM reports process CPU time in 10 ms steps here: ±0.2 points per "
				+ "5 s). " + trials + " trials, interleaved.";
		return new Figure("B3", "CPU used while waiting", method,
				List.of(new Row("waiting thread", "% of a core", coreThread, pythonThread,
						Row.added(coreThread, pythonThread, "points"),
						new Goal().atMost("p50", coreThread.median(), 1, " %")),
						new Row("process minus idle", "% of a core", coreProcess, pythonProcess,
								Row.added(coreProcess, pythonProcess, "points"),
								new Goal().atMost("p50", coreProcess.median(), 1, " %"))));
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

	/** The process's CPU time as % of one core while this thread only sleeps. */
	private static double idle(Duration period) throws InterruptedException {
		long processStart = OS.getProcessCpuTime();
		long start = System.nanoTime();
		Thread.sleep(period.toMillis());
		return percentOfCore(OS.getProcessCpuTime() - processStart, System.nanoTime() - start);
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
