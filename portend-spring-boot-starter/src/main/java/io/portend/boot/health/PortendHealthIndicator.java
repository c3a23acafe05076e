package io.portend.boot.health;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.portend.boot.PortWatcher;
import io.portend.boot.TargetStatus;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Reports the targets of a {@link PortWatcher}: up when every required target is occupied,
 * down otherwise. Optional targets appear in the details only. The details are keyed by target
 * name, each with its address, state, since, latency and error.
 *
 * <p>A health request never makes a round of connection attempts of its own while the watcher
 * monitors its targets: it reads their monitored state. Otherwise it checks every target again
 * when the last round started more than {@link #MAX_AGE} ago, sharing that round with every
 * concurrent request; so a request takes at most about the connection timeout, and a burst of
 * requests makes one round of attempts per second at most.
 */
public class PortendHealthIndicator extends AbstractHealthIndicator {

	/** How old a round of checks may be for a health request to answer from it. */
	public static final Duration MAX_AGE = Duration.ofSeconds(1);

	private final PortWatcher watcher;

	/**
	 * Creates an indicator.
	 * @param watcher the watcher whose targets to report
	 */
	public PortendHealthIndicator(PortWatcher watcher) {
		super("Port check failed");
		this.watcher = watcher;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) throws Exception {
		List<TargetStatus> statuses = this.watcher.isMonitoring() ? this.watcher.statuses()
				: this.watcher.checkAll(MAX_AGE);
		boolean up = true;
		for (TargetStatus status : statuses) {
			up &= status.occupied() || !status.target().required();
			builder.withDetail(status.name(), details(status));
		}
		if (up) {
			builder.up();
		}
		else {
			builder.down();
		}
	}

	private static Map<String, Object> details(TargetStatus status) {
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("address", status.target().address().toString());
		details.put("required", status.target().required());
		details.put("state", status.state().name());
		details.put("since", status.since().toString());
		if (status.latency() != null) {
			details.put("latency", status.latency().toString());
		}
		if (status.error() != null) {
			details.put("error", status.error());
		}
		return details;
	}

}
