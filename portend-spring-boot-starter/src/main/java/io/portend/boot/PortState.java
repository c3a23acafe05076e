package io.portend.boot;

/**
 * What a {@link PortWatcher} last saw of a target.
 */
public enum PortState {

	/** A connection was accepted: something listens there. */
	OCCUPIED,

	/** Every connection attempt was refused or timed out. */
	FREE,

	/** Not checked yet, or its host does not resolve. */
	UNKNOWN

}
