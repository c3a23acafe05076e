package io.portend.benchmarks;

/**
 * A main that does nothing: the floor of a JVM's start-up on this machine, which the CLI's
 * start-up is compared with (B6).
 */
public final class Trivial {

	private Trivial() {
	}

	/**
	 * Does nothing.
	 * @param args ignored
	 */
	public static void main(String[] args) {
	}

}
