package io.portend;

import java.net.InetAddress;

/**
 * Why one connection attempt to one address of a port failed.
 * @param address the address tried
 * @param reason for people to read, such as {@code connection refused}
 */
record Failure(InetAddress address, String reason) {

	/**
	 * Returns the failure an exception tells of: its message, starting in lower case so that it
	 * reads well inside a sentence, or its type when it has none.
	 */
	static Failure of(InetAddress address, Exception ex) {
		String message = ex.getMessage();
		if (message == null || message.isEmpty()) {
			return new Failure(address, ex.getClass().getSimpleName());
		}
		return new Failure(address, Character.toLowerCase(message.charAt(0)) + message.substring(1));
	}

}
