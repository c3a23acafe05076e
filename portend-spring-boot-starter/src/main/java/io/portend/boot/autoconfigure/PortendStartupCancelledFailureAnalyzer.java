package io.portend.boot.autoconfigure;

import io.portend.boot.startup.PortendStartupCancelledException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a {@link PortendStartupCancelledException}: usually a deliberate stop, which needs
 * no stack trace.
 */
class PortendStartupCancelledFailureAnalyzer extends AbstractFailureAnalyzer<PortendStartupCancelledException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, PortendStartupCancelledException cause) {
		return new FailureAnalysis(cause.getMessage()
				+ ": the application context was closed during start-up, for example on SIGTERM.",
				"Nothing, if the application was meant to stop. Otherwise, find out what closed the application "
						+ "context during start-up.",
				cause);
	}

}
