package io.portend;

import java.time.Duration;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * The outcome of one round of connection attempts to a port: one attempt to each address its
 * host resolves to, made at the same time. The port is occupied when any attempt was accepted
 * and, for a target with a {@link Protocol} other than tcp, the server then answered that it is
 * ready. Immutable.
 */
public final class PortStatus {

	private final HostPort target;

	private final boolean occupied;

	private final boolean open;

	private final boolean resolved;

	private final Duration latency;

	private final String reason;

	PortStatus(HostPort target, boolean occupied, boolean open, boolean resolved, Duration latency, String reason) {
		this.target = Objects.requireNonNull(target, "target");
		this.occupied = occupied;
		this.open = open;
		this.resolved = resolved;
		this.latency = Objects.requireNonNull(latency, "latency");
		this.reason = Objects.requireNonNull(reason, "reason");
	}

	/**
	 * Returns the port checked.
	 * @return the target
	 */
	public HostPort target() {
		return this.target;
	}

	/**
	 * Returns whether a connection was accepted (something listens there) and, for a target
	 * with a protocol other than tcp, the service answered that it is ready. A server that is
	 * open but not ready is not occupied: its {@link #reason()} says what it answered.
	 * @return whether the port is occupied, or ready
	 */
	public boolean occupied() {
		return this.occupied;
	}

	/**
	 * Returns whether a connection was accepted, whether or not the service then answered that
	 * it is ready: a service that is open but not ready is open, and not occupied. For a tcp
	 * target, the same as {@link #occupied()}.
	 * @return whether the port accepted a connection
	 */
	public boolean open() {
		return this.open;
	}

	/**
	 * Returns whether the host resolved to at least one address. A port on a host that does not
	 * resolve (yet) is neither occupied nor known to be free.
	 * @return whether the host resolved
	 */
	public boolean resolved() {
		return this.resolved;
	}

	/**
	 * Returns how long the round of attempts took.
	 * @return the latency of the check
	 */
	public Duration latency() {
		return this.latency;
	}

	/**
	 * Returns why the port is in this state, for people to read: {@code accepted by 127.0.0.1},
	 * {@code ready: answers PONG (127.0.0.1)}, {@code connection refused},
	 * {@code not answered within 500 ms}, {@code host db does not resolve (…)},
	 * {@code open but not ready: LOADING Redis is loading the dataset in memory}, and so on.
	 * @return the reason
	 */
	public String reason() {
		return this.reason;
	}

	@Override
	public boolean equals(@Nullable Object other) {
		if (this == other) {
			return true;
		}
		return other instanceof PortStatus that && this.occupied == that.occupied && this.open == that.open
				&& this.resolved == that.resolved
				&& this.target.equals(that.target)
				&& this.latency.equals(that.latency) && this.reason.equals(that.reason);
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.target, this.occupied, this.open, this.resolved, this.latency, this.reason);
	}

	@Override
	public String toString() {
		String state = this.occupied ? " occupied ("
				: (this.open ? " not ready (" : (this.resolved ? " free (" : " unresolved ("));
		return this.target + state + this.reason + ")";
	}

}
