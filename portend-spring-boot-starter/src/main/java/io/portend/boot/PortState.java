package io.portend.boot;

/**
 * What a {@link PortWatcher} last saw of a target.
 */
public enum PortState {

	/**
	 * A connection was accepted: something listens there; for a target with a protocol, the
	 * service also answered that it is ready.
	 */
	OCCUPIED,

	/**
	 * A target with a protocol accepted a connection, but its service answered that it is not
	 * ready yet (a database starting up or recovering, a broker without metadata), or did not
	 * answer in its protocol.
	 */
	NOT_READY,

	/** Every connection attempt was refused or timed out. */
	FREE,

	/** Not checked yet, or its host does not resolve. */
	UNKNOWN

}
