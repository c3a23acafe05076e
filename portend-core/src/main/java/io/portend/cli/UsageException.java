package io.portend.cli;

/** Arguments the command line cannot take; the message names the offending one. */
final class UsageException extends Exception {

	private static final long serialVersionUID = 1L;

	UsageException(String message) {
		super(message);
	}

}
