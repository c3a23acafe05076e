package io.portend;

import java.io.IOException;

/**
 * Thrown by {@link Checker#assertFree(String, int)} when a connection to the port succeeded,
 * portend's {@code PortNotFree}.
 */
public class PortNotFreeException extends IOException {

	private static final long serialVersionUID = 1L;

	/**
	 * Creates an exception with the given message.
	 * @param message the message, such as {@code Port 8080 is in use on 127.0.0.1.}
	 */
	public PortNotFreeException(String message) {
		super(message);
	}

}
