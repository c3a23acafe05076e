package io.portend.boot.autoconfigure;

import java.util.List;

import io.portend.boot.Durations;
import io.portend.boot.PortTarget;
import io.portend.boot.TargetStatus;
import io.portend.boot.startup.PortendStartupTimeoutException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a {@link PortendStartupTimeoutException}: which required targets were not reached,
 * why, and what to do about each.
 */
class PortendStartupTimeoutFailureAnalyzer extends AbstractFailureAnalyzer<PortendStartupTimeoutException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, PortendStartupTimeoutException cause) {
		StringBuilder description = new StringBuilder("Start-up waited up to ")
			.append(Durations.format(cause.getTimeout()))
			.append(" (portend.timeout) for the targets in portend.wait-for, but ")
			.append((cause.getUnreached().size() == 1) ? "this required target was" : "these required targets were")
			.append(" not reachable in time:\n");
		for (TargetStatus status : cause.getUnreached()) {
			PortTarget target = status.target();
			description.append("\n    ").append(status.describe());
			if (target.timeout() != null && target.timeout().compareTo(cause.getTimeout()) < 0) {
				description.append(" (its own timeout: ").append(Durations.format(target.timeout())).append(')');
			}
		}
		return new FailureAnalysis(description.toString(), action(cause.getUnreached(), cause), cause);
	}

	private String action(List<TargetStatus> unreached, PortendStartupTimeoutException cause) {
		StringBuilder action = new StringBuilder();
		for (TargetStatus status : unreached) {
			String property = "portend.wait-for." + status.name();
			action.append("- ").append(status.name()).append(": ");
			if (status.lastCheck() != null && !status.lastCheck().resolved()) {
				action.append("its host does not resolve; fix the address in ").append(property);
			}
			else {
				action.append("start it, or fix its address in ").append(property)
					.append(" if it listens elsewhere");
			}
			action.append(".\n");
		}
		action.append("If a target needs longer to start, raise portend.timeout (now ")
			.append(Durations.format(cause.getTimeout()))
			.append(") or its own portend.wait-for.<name>.timeout. If the application can start without it, ")
			.append("mark it optional with portend.wait-for.<name>.required=false.");
		return action.toString();
	}

}
