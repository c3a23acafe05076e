package io.portend.boot.startup;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

import io.portend.boot.Durations;
import io.portend.boot.PortTarget;
import io.portend.boot.TargetStatus;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * The log lines of the start-up wait: every target when the wait starts, each as it comes up,
 * at every progress interval those still awaited, and a summary.
 */
final class StartupLog implements StartupWaitListener {

	private static final Log logger = LogFactory.getLog(PortendStartupWait.class);

	private final Duration progressInterval;

	private final Map<String, TargetStatus> pending = new LinkedHashMap<>();

	private Duration nextReport;

	private List<PortTarget> awaited = List.of();

	StartupLog(Duration progressInterval) {
		this.progressInterval = progressInterval;
		this.nextReport = progressInterval;
	}

	@Override
	public void waitStarted(List<PortTarget> awaited, Duration timeout) {
		this.awaited = awaited;
		StringJoiner description = new StringJoiner(", ");
		for (PortTarget target : awaited) {
			description.add((target.timeout() != null) ? target.name() + " (" + target.address() + ", at most "
					+ Durations.format(target.timeout()) + ")" : target.toString());
		}
		logger.info("Waiting up to " + Durations.format(timeout) + " for " + description);
	}

	@Override
	public synchronized void targetChecked(TargetStatus status, Duration elapsed) {
		if (!status.occupied()) {
			this.pending.put(status.name(), status);
		}
		if (elapsed.compareTo(this.nextReport) >= 0) {
			this.nextReport = elapsed.plus(this.progressInterval);
			if (!this.pending.isEmpty()) {
				StringJoiner pending = new StringJoiner("; ");
				this.pending.values().forEach((target) -> pending.add(target.describe()));
				logger.info("Still waiting after " + elapsed.toMillis() + " ms for " + pending);
			}
		}
	}

	@Override
	public synchronized void targetUp(TargetStatus status, Duration elapsed) {
		this.pending.remove(status.name());
		logger.info(status.target() + " is up after " + elapsed.toMillis() + " ms");
	}

	@Override
	public void waitEnded(List<TargetStatus> unreached, Duration elapsed, @Nullable Throwable failure) {
		if (failure == null) {
			logger.info("Waited " + elapsed.toMillis() + " ms for " + describe(this.awaited) + ": all up");
		}
	}

	/**
	 * Logs that start-up does not wait for some targets, which are checked in the background.
	 */
	void notWaiting(List<PortTarget> targets, boolean blockStartup) {
		logger.info("Not waiting for " + (blockStartup ? "optional " : "") + describe(targets)
				+ (blockStartup ? "" : " (portend.block-startup=false)") + "; checking in the background");
	}

	/**
	 * Logs the first outcome of the background check of a target start-up does not wait for.
	 */
	void backgroundOutcome(TargetStatus status, Duration elapsed) {
		if (status.occupied()) {
			logger.info(status.target() + " is up after " + elapsed.toMillis() + " ms");
		}
		else {
			logger.warn(status.target() + " is not reachable (" + status.error() + "); start-up goes on without it");
		}
	}

	static String describe(List<PortTarget> targets) {
		StringJoiner description = new StringJoiner(", ");
		targets.forEach((target) -> description.add(target.toString()));
		return description.toString();
	}

}
