package io.portend.cli;

import java.time.Duration;
import java.util.List;

import io.portend.HostPort;
import org.jspecify.annotations.Nullable;

/**
 * What the command line was asked to do, as {@link ArgumentParser} read it.
 * @param help whether to show the help and exit
 * @param version whether to show the version and exit
 * @param targets the ports to wait for, each once, in the order given
 * @param occupied whether to wait for the ports to be occupied, rather than free
 * @param timeout how long to wait; {@code null} waits forever
 * @param strictCheck how long a connection to a tcp target must stay open to count; zero for
 * no strict check
 * @param verbose whether to report each port's changes of state
 * @param quiet whether to print nothing but usage errors
 * @param command the command to run once every port is ready; empty for none
 */
record Arguments(boolean help, boolean version, List<HostPort> targets, boolean occupied,
		@Nullable Duration timeout, Duration strictCheck, boolean verbose, boolean quiet, List<String> command) {

	Arguments {
		targets = List.copyOf(targets);
		command = List.copyOf(command);
	}

}
