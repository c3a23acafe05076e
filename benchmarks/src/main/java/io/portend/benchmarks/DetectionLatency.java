package io.portend.benchmarks;

import java.time.Duration;
import java.util.List;
import java.util.Random;

import io.portend.Portend;
import io.portend.servers.Listener;
import io.portend.servers.Listeners;

/**
 * B1 and B2: how soon a wait already under way notices that a port became occupied, or free.
 */
final class DetectionLatency {

	/** A wait on one port, such as {@code Portend::occupied}. */
	@FunctionalInterface
	interface PortWait {

		void run(String host, int port, Duration timeout) throws Exception;

	}

	private static final Duration WAIT_TIMEOUT = Duration.ofSeconds(20);

	private static final Duration RETURN_BOUND = Duration.ofSeconds(30);

	private final Plan plan;

	private final Random random;

	DetectionLatency(Plan plan, Random random) {
		this.plan = plan;
		this.random = random;
	}

	Figure occupied() throws Exception {
		List<Samples> samples;
		try (Listeners listeners = new Listeners()) {
			samples = Interleaved.samples(this.plan.trials(30, 3),
					List.of(() -> occupiedTrial(listeners, Portend::occupied),
							() -> occupiedTrial(listeners, PythonPortend::occupied)));
		}
		return figure("B1", "occupied() detection latency", "bound", "Portend.occupied", "bind() returned",
				samples.get(0), samples.get(1));
	}

	Figure free() throws Exception {
		List<Samples> samples;
		try (Listeners listeners = new Listeners()) {
			samples = Interleaved.samples(this.plan.trials(30, 3),
					List.of(() -> freeTrial(listeners, Portend::free), () -> freeTrial(listeners, PythonPortend::free)));
		}
		return figure("B2", "free() detection latency", "closed", "Portend.free", "close() returned",
				samples.get(0), samples.get(1));
	}

	private double occupiedTrial(Listeners listeners, PortWait wait) throws Exception {
		RefusingPort reserved = RefusingPort.open();
		int port = reserved.port();
		Waiter waiter = Waiter.start(() -> wait.run(Loopback.HOST, port, WAIT_TIMEOUT));
		Thread.sleep(delayMillis());
		try (Listener listener = listeners.notListening(port)) {
			reserved.close();
			long listeningAt = listener.start();
			return latency(port, listeningAt, waiter.awaitReturn(RETURN_BOUND));
		}
	}

	private double freeTrial(Listeners listeners, PortWait wait) throws Exception {
		try (Listener listener = listeners.closingAtOnce()) {
			Waiter waiter = Waiter.start(() -> wait.run(Loopback.HOST, listener.port(), WAIT_TIMEOUT));
			Thread.sleep(delayMillis());
			long closedAt = listener.stop();
			return latency(listener.port(), closedAt, waiter.awaitReturn(RETURN_BOUND));
		}
	}

	/** Long enough for the wait to be polling when the port changes, and random to every phase of its rounds. */
	private long delayMillis() {
		return this.plan.quick() ? 100 + this.random.nextInt(200) : 300 + this.random.nextInt(1000);
	}

	private static double latency(int port, long changedAt, long returnedAt) {
		if (returnedAt - changedAt < 0) {
			throw new IllegalStateException("The wait on port " + port
					+ " returned before the port changed: did another process bind it in between?");
		}
		return (returnedAt - changedAt) / 1e6;
	}

	private Figure figure(String id, String title, String change, String api, String changedAt, Samples core,
			Samples python) {
		double ratio = python.median() / core.median();
		Goal goal = new Goal().atMost("p50", core.median(), 5, " ms")
			.atMost("p90", core.percentile(90), 10, " ms")
			.atMost("max", core.max(), 20, " ms")
			.atLeast("reference ÷ core at p50", ratio, 14, "×");
		String method = "A wait runs on its own thread on " + Loopback.HOST + " (" + api
				+ " vs Python portend's loop); the listener is " + change + " after a random "
				+ (this.plan.quick() ? "0.1–0.3" : "0.3–1.3") + " s. Time from " + changedAt
				+ " to the wait returning; " + core.size() + " trials each, interleaved.";
		return new Figure(id, title, method,
				List.of(new Row("latency", "ms", core, python, Row.timesBetter(core, python), goal)));
	}

}
