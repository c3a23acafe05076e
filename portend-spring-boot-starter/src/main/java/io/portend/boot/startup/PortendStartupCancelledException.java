package io.portend.boot.startup;

/**
 * Thrown when start-up was stopped while it waited for required targets, because the
 * application context was closed (on SIGTERM, for example). Explained by
 * a failure analyzer of the auto-configuration.
 */
public class PortendStartupCancelledException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	/**
	 * Creates an exception.
	 * @param awaited the targets still awaited, as {@code name (host:port)}
	 * @param cause the interruption or cancellation of the wait
	 */
	public PortendStartupCancelledException(String awaited, Throwable cause) {
		super("Start-up was stopped while waiting for " + awaited, cause);
	}

}
