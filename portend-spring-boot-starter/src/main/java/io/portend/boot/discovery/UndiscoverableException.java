package io.portend.boot.discovery;

/**
 * Thrown when a connection setting can't be turned into host:port targets. The message never
 * quotes the setting's value, which may hold credentials: it names the property and says what
 * is wrong in words of its own.
 */
final class UndiscoverableException extends RuntimeException {

	private final String property;

	private final String reason;

	UndiscoverableException(String reason) {
		this(null, reason);
	}

	private UndiscoverableException(String property, String reason) {
		super((property != null) ? property + ": " + reason : reason, null, false, false);
		this.property = property;
		this.reason = reason;
	}

	/**
	 * Returns this failure attributed to the property whose value failed, unless it already
	 * names a property of its own.
	 */
	UndiscoverableException in(String property) {
		return (this.property != null) ? this : new UndiscoverableException(property, this.reason);
	}

	String property() {
		return this.property;
	}

	String reason() {
		return this.reason;
	}

}
