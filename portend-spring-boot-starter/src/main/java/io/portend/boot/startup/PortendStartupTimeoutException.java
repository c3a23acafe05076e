package io.portend.boot.startup;

import java.time.Duration;
import java.util.List;

import io.portend.boot.TargetStatus;

/**
 * Thrown when start-up gave up waiting for required targets. Explained by
 * a failure analyzer of the auto-configuration.
 */
public class PortendStartupTimeoutException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final transient List<TargetStatus> unreached;

	/** The overall timeout, {@code portend.timeout}. */
	private final Duration timeout;

	/**
	 * Creates an exception.
	 * @param unreached the last status of every required target that was not reached
	 * @param timeout the overall timeout, {@code portend.timeout}
	 * @param waited how long start-up waited
	 * @param cause the timeout of the wait
	 */
	public PortendStartupTimeoutException(List<TargetStatus> unreached, Duration timeout, Duration waited,
			Throwable cause) {
		super("Required targets not reachable after " + waited.toMillis() + " ms: "
				+ String.join("; ", unreached.stream().map(TargetStatus::describe).toList()),
				cause);
		this.unreached = List.copyOf(unreached);
		this.timeout = timeout;
	}

	/**
	 * Returns the last status of every required target that was not reached.
	 * @return the statuses
	 */
	public List<TargetStatus> getUnreached() {
		return this.unreached;
	}

	/**
	 * Returns the overall timeout.
	 * @return {@code portend.timeout}
	 */
	public Duration getTimeout() {
		return this.timeout;
	}

}
