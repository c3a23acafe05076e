package io.portend;

import java.io.IOException;
import java.util.List;

/**
 * Thrown when ports did not reach the awaited state before the deadline, portend's
 * {@code Timeout}. The message names every port still not ready, and why; {@link #pending()}
 * gives the last status of each.
 */
public class PortTimeoutException extends IOException {

	private static final long serialVersionUID = 1L;

	private final transient List<PortStatus> pending;

	/**
	 * Creates an exception with the given message and the last status of each port not ready.
	 * @param message the message, such as {@code Port 5432 not bound on localhost.}
	 * @param pending the last status of each port that did not reach the awaited state
	 */
	public PortTimeoutException(String message, List<PortStatus> pending) {
		super(message);
		this.pending = List.copyOf(pending);
	}

	/**
	 * Returns the last status of each port that did not reach the awaited state, in the order
	 * the ports were given.
	 * @return the pending ports' statuses, never empty
	 */
	public List<PortStatus> pending() {
		return this.pending;
	}

}
