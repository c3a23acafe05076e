package io.portend.cli;

import java.io.PrintStream;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

import io.portend.HostPort;
import io.portend.PortStatus;
import io.portend.Protocol;

/**
 * Prints each port's changes of state as a wait sees them, with the time since it started: not
 * every round.
 */
final class ProgressPrinter implements Consumer<PortStatus> {

	private final PrintStream err;

	private final long start = System.nanoTime();

	private final Map<HostPort, String> states = new HashMap<>();

	ProgressPrinter(PrintStream err) {
		this.err = err;
	}

	@Override
	public void accept(PortStatus status) {
		String state = status.occupied() ? occupied(status)
				: (status.open() ? "not ready" : (status.resolved() ? "free" : "unresolved"));
		if (!state.equals(this.states.put(status.target(), state))) {
			long elapsed = (System.nanoTime() - this.start) / 1_000_000;
			this.err.println("portend: " + status.target() + " " + state + " after " + elapsed + " ms ("
					+ status.reason() + ")");
		}
	}

	private static String occupied(PortStatus status) {
		return (status.target().protocol() == Protocol.TCP) ? "occupied" : "ready";
	}

}
