package io.portend.benchmarks;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;

import io.portend.Checker;
import io.portend.HostPort;
import io.portend.Portend;
import io.portend.servers.Listeners;

/**
 * B4: how late a wait that times out returns, on a port that refuses, on one that drops
 * connection attempts, and behind a name that takes long to resolve.
 */
final class DeadlineOvershoot {

	private static final Duration TIMEOUT = Duration.ofSeconds(1);

	/** Longer than the wait's timeout, to show that the deadline caps each attempt. */
	private static final Duration LONG_CONNECT_TIMEOUT = Duration.ofSeconds(2);

	private static final Duration SHORT_TIMEOUT = Duration.ofMillis(100);

	private static final Duration SLOW_RESOLVER = Duration.ofSeconds(2);

	private static final String SLOW_NAME = "slow.test";

	private final Plan plan;

	DeadlineOvershoot(Plan plan) {
		this.plan = plan;
	}

	Figure measure() throws Exception {
		int trials = this.plan.trials(10, 1);
		Row refusing;
		try (RefusingPort refused = RefusingPort.open()) {
			int port = refused.port();
			refusing = row("refusing port", TIMEOUT, trials, () -> Portend.occupied(Loopback.HOST, port, TIMEOUT),
					() -> PythonPortend.occupied(Loopback.HOST, port, TIMEOUT));
		}
		Row dropping;
		try (Listeners listeners = new Listeners()) {
			HostPort target = listeners.blackholed().target();
			Checker checker = new Checker(LONG_CONNECT_TIMEOUT);
			dropping = row("dropping (blackholed) port", TIMEOUT, trials, () -> checker.awaitOccupied(List.of(target), TIMEOUT),
					() -> PythonPortend.occupied(target.host(), target.port(), TIMEOUT));
		}
		Row slowResolver;
		try (RefusingPort refused = RefusingPort.open()) {
			HostPort target = new HostPort(SLOW_NAME, refused.port());
			Checker checker = new Checker().withResolver(DeadlineOvershoot::resolveSlowly);
			slowResolver = row("slow resolver (" + SLOW_RESOLVER.toSeconds() + " s), T = " + SHORT_TIMEOUT.toMillis()
					+ " ms", SHORT_TIMEOUT, trials, () -> checker.awaitOccupied(List.of(target), SHORT_TIMEOUT),
					() -> PythonPortend.occupied(DeadlineOvershoot::resolveSlowly, target.host(), target.port(),
							SHORT_TIMEOUT));
		}
		String method = "occupied() with a timeout of " + TIMEOUT.toSeconds() + " s on " + Loopback.HOST
				+ "; overshoot = time from the call to its timeout exception, minus the timeout. Refusing port: "
				+ "Portend.occupied (500 ms attempts). Dropping port: a listener with backlog 1 that never accepts, "
				+ "its backlog filled until an attempt timed out (Linux then drops SYNs); portend-core runs "
				+ "new Checker(" + LONG_CONNECT_TIMEOUT.toSeconds() + " s).awaitOccupied, whose attempts outlast the "
				+ "deadline unless it caps them. Reference: Python portend's loop (500 ms attempts, deadline checked "
				+ "between rounds). Slow resolver: " + SHORT_TIMEOUT.toMillis() + " ms awaitOccupied of a refusing port "
				+ "behind a name whose injected resolver takes " + SLOW_RESOLVER.toSeconds() + " s (a slow name "
				+ "server); the reference resolves in the waiting thread, as portend's getaddrinfo does. " + trials
				+ " trials each, interleaved.";
		return new Figure("B4", "Deadline overshoot", method, List.of(refusing, dropping, slowResolver));
	}

	private static Row row(String label, Duration timeout, int trials, Waiter.Wait candidate, Waiter.Wait reference)
			throws Exception {
		List<Samples> samples = Interleaved.samples(trials,
				List.of(() -> overshoot(candidate, timeout), () -> overshoot(reference, timeout)));
		Samples coreSamples = samples.get(0);
		Samples pythonSamples = samples.get(1);
		return new Row(label, "ms", coreSamples, pythonSamples, Row.added(coreSamples, pythonSamples, "ms"),
				new Goal().atMost("max", coreSamples.max(), 20, " ms"));
	}

	private static double overshoot(Waiter.Wait wait, Duration timeout) throws Exception {
		long start = System.nanoTime();
		Waiter.expectTimeout(wait);
		return (System.nanoTime() - start - timeout.toNanos()) / 1e6;
	}

	/** A name server that answers after {@link #SLOW_RESOLVER}: the name, at last, is loopback. */
	private static List<InetAddress> resolveSlowly(String host) throws UnknownHostException {
		try {
			Thread.sleep(SLOW_RESOLVER.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new UnknownHostException(host + ": lookup interrupted");
		}
		return List.of(Loopback.ADDRESS);
	}

}
