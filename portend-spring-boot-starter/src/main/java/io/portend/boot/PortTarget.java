package io.portend.boot;

import java.time.Duration;
import java.util.Objects;

import io.portend.HostPort;
import org.jspecify.annotations.Nullable;

/**
 * A named TCP port that a {@link PortWatcher} watches, such as {@code database} at
 * {@code localhost:5432}. Immutable.
 *
 * @param name the name, used in logs, health details and metric tags
 * @param address the host and port
 * @param timeout how long a wait may take for this target at most, or {@code null} for as long
 * as the wait's own timeout
 * @param required whether the target must be occupied: start-up waits only for required
 * targets, and health is down only when one of them is not occupied
 */
public record PortTarget(String name, HostPort address, @Nullable Duration timeout, boolean required) {

	/**
	 * Creates a target. Its values are checked where targets are built from configuration.
	 * @param name the name
	 * @param address the host and port
	 * @param timeout its own timeout, or {@code null}
	 * @param required whether the target must be occupied
	 * @throws NullPointerException if the name or the address is null
	 */
	public PortTarget {
		Objects.requireNonNull(name, "name");
		Objects.requireNonNull(address, "address");
	}

	/**
	 * Creates a required target without a timeout of its own.
	 * @param name the name
	 * @param address the host and port
	 * @return the target
	 */
	public static PortTarget of(String name, HostPort address) {
		return new PortTarget(name, address, null, true);
	}

	@Override
	public String toString() {
		return this.name + " (" + this.address + ")";
	}

}
