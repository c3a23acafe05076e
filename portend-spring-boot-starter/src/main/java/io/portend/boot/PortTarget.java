package io.portend.boot;

import java.time.Duration;

import io.portend.HostPort;

/**
 * A named TCP port that a {@link PortWatcher} watches, such as {@code database} at
 * {@code localhost:5432}. Immutable.
 *
 * @param name the name, used in logs, health details and metric tags; not blank
 * @param address the host and port
 * @param timeout how long a wait may take for this target at most, or {@code null} for as long
 * as the wait's own timeout; positive
 * @param required whether the target must be occupied: start-up waits only for required
 * targets, and health is down only when one of them is not occupied
 */
public record PortTarget(String name, HostPort address, Duration timeout, boolean required) {

	/**
	 * Creates a target, validating its values.
	 * @throws IllegalArgumentException if the name is null or blank, the address is null, or the
	 * timeout is zero or negative
	 */
	public PortTarget {
		if (name == null || name.isBlank()) {
			throw new IllegalArgumentException("A target's name must not be blank, but was '" + name + "'.");
		}
		if (address == null) {
			throw new IllegalArgumentException("Target '" + name + "' has no address.");
		}
		if (timeout != null && (timeout.isZero() || timeout.isNegative())) {
			throw new IllegalArgumentException(
					"Invalid timeout " + timeout + " for target '" + name + "': it must be positive.");
		}
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
