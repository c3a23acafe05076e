package io.portend.benchmarks;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.portend.Checker;
import io.portend.HostPort;
import io.portend.servers.Listener;
import io.portend.servers.Listeners;

/**
 * B5: the time to confirm that many ports, all listening, are occupied.
 */
final class ManyTargets {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private static final int FEW_TIME_WAIT = 1000;

	private final Plan plan;

	ManyTargets(Plan plan) {
		this.plan = plan;
	}

	Figure measure() throws Exception {
		// N = 1000 first, and its reference last, not interleaved: each of the reference's runs
		// leaves N connections in TIME_WAIT for 60 s (portend-core's close with a reset and leave
		// none), and thousands of them slow down every connect() on the machine: N = 1000 took 38 ms
		// on a clean machine, 55-70 ms after the reference's runs. N = 10 and 100 leave few enough to
		// interleave, which then puts both under the same conditions.
		if (!this.plan.quick()) {
			awaitFewTimeWaitSockets();
		}
		Checker checker = new Checker();
		TargetsWait core = (targets) -> checker.awaitOccupied(targets, TIMEOUT);
		TargetsWait reference = (targets) -> {
			for (HostPort target : targets) {
				PythonPortend.occupied(target.host(), target.port(), TIMEOUT);
			}
		};
		// Each of N = 1000's trials interleaved with one of the floor's.
		List<Samples> withFloor = samples(1000, List.of(core, ManyTargets::bareConnects));
		List<Row> rows = new ArrayList<>();
		for (int count : new int[] { 10, 100 }) {
			List<Samples> interleaved = samples(count, List.of(core, reference));
			rows.add(new Row("N = " + count, "ms", interleaved.get(0), interleaved.get(1),
					Row.timesBetter(interleaved.get(0), interleaved.get(1)), null));
		}
		Samples coreThousand = withFloor.get(0);
		Samples referenceThousand = samples(1000, List.of(reference)).get(0);
		rows.add(new Row("N = 1000", "ms", coreThousand, referenceThousand,
				Row.timesBetter(coreThousand, referenceThousand),
				new Goal().atMost("p50", coreThousand.median(), 50, " ms")));
		rows.add(new Row("floor: N = 1000 bare connects in turn", "ms", withFloor.get(1), withFloor.get(0),
				"reference column: portend-core's N = 1000, " + Row.added(withFloor.get(0), withFloor.get(1), "ms",
						"the floor"),
				null));
		String method = "N listeners on " + Loopback.HOST + ", all accepting. Time to confirm all occupied: one "
				+ "new Checker().awaitOccupied(all N) vs Python portend's occupied() on each in turn. After one "
				+ "untimed run each, " + this.plan.trials(20, 2) + " trials (" + this.plan.trials(10, 2)
				+ " for N = 1000). First the benchmark waits (at most 65 s) until fewer than " + FEW_TIME_WAIT
				+ " sockets are in TIME_WAIT on the machine. N = 10 and N = 100: portend-core's and the reference's "
				+ "trials interleaved. N = 1000: portend-core's trials first, the reference's last, not "
				+ "interleaved: each of the reference's runs leaves N sockets in TIME_WAIT for 60 s (it closes as "
				+ "Python portend does; portend-core resets and leaves none), and thousands of them slow down "
				+ "every connect() on the machine. Floor: "
				+ "a bare non-blocking connect to each of the 1 000 in turn, finished at once and reset-closed as "
				+ "portend-core's attempts are; its trials are interleaved with portend-core's N = 1000 trials, on "
				+ "the same listeners.";
		return new Figure("B5", "Many targets, all listening", method, rows);
	}

	/**
	 * Waits, at most a little longer than TIME_WAIT lasts, until the machine holds fewer than
	 * {@value #FEW_TIME_WAIT} sockets in TIME_WAIT: those the earlier benchmarks' references left.
	 */
	private static void awaitFewTimeWaitSockets() throws IOException, InterruptedException {
		Path sockstat = Path.of("/proc/net/sockstat");
		if (!Files.isReadable(sockstat)) {
			return;
		}
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(65);
		while (timeWaitSockets(sockstat) >= FEW_TIME_WAIT && System.nanoTime() - deadline < 0) {
			Thread.sleep(1000); // TIME_WAIT ends on the kernel's timer: nothing to wait on but time
		}
	}

	/** The "tw" count of the "TCP:" line: {@code TCP: inuse 1 orphan 0 tw 28302 alloc 3 mem 81}. */
	private static int timeWaitSockets(Path sockstat) throws IOException {
		for (String line : Files.readAllLines(sockstat)) {
			String[] fields = line.split(" ");
			for (int i = 0; fields[0].equals("TCP:") && i + 1 < fields.length; i++) {
				if (fields[i].equals("tw")) {
					return Integer.parseInt(fields[i + 1]);
				}
			}
		}
		return 0;
	}

	/**
	 * Times a wait for N listening targets: one untimed run (the first also pays for opening the
	 * listeners' accept paths), then the trials.
	 */
	private List<Samples> samples(int count, List<TargetsWait> waits) throws Exception {
		try (Listeners listeners = new Listeners()) {
			List<HostPort> targets = listeners.closingAtOnce(count).stream().map(Listener::target).toList();
			List<Interleaved.Trial<Double>> trials = new ArrayList<>();
			for (TargetsWait wait : waits) {
				Waiter.Wait run = () -> wait.run(targets);
				millis(run);
				trials.add(() -> millis(run));
			}
			return Interleaved.samples(this.plan.trials((count < 1000) ? 20 : 10, 2), trials);
		}
	}

	/**
	 * The floor under confirming listening ports from one thread: to each in turn, a bare
	 * non-blocking connect, finished at once (on loopback it is), then closed with a reset, as
	 * portend-core's attempts are; nothing else.
	 */
	private static void bareConnects(List<HostPort> targets) throws IOException {
		for (HostPort target : targets) {
			try (SocketChannel channel = SocketChannel.open()) {
				channel.configureBlocking(false);
				channel.connect(new InetSocketAddress(Loopback.ADDRESS, target.port()));
				if (!channel.finishConnect()) {
					throw new IllegalStateException(target + " did not accept at once.");
				}
				channel.setOption(StandardSocketOptions.SO_LINGER, 0);
			}
		}
	}

	/** A wait for every one of some targets. */
	@FunctionalInterface
	private interface TargetsWait {

		void run(List<HostPort> targets) throws Exception;

	}

	private static double millis(Waiter.Wait wait) throws Exception {
		long start = System.nanoTime();
		wait.run();
		return (System.nanoTime() - start) / 1e6;
	}

}
