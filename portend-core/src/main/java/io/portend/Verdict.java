package io.portend;

/**
 * What a {@link Conversation} made of a reply: ready, not ready (and why, in the server's own
 * words where it gave some), or not complete yet.
 * @param state the outcome
 * @param detail for people to read, such as {@code authentication requested} or
 * {@code 57P03 the database system is starting up}; empty while incomplete
 */
record Verdict(State state, String detail) {

	/** The reply is not complete yet: read on. */
	static final Verdict INCOMPLETE = new Verdict(State.INCOMPLETE, "");

	static Verdict ready(String detail) {
		return new Verdict(State.READY, detail);
	}

	static Verdict notReady(String detail) {
		return new Verdict(State.NOT_READY, detail);
	}

	/** The outcomes of a conversation. */
	enum State {

		/** The reply is not complete yet. */
		INCOMPLETE,

		/** The server answered that it serves. */
		READY,

		/** The server answered "not yet", answered something else, or closed. */
		NOT_READY

	}

}
