package io.portend.boot.monitoring;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.portend.boot.Durations;
import io.portend.boot.TargetStatus;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.ApplicationEventPublisher;

/**
 * Refuses traffic while a required target has not been occupied for longer than the grace
 * period, and accepts it again once every required target is back. Only undoes its own
 * refusals, and never touches liveness. Fed by one monitoring thread.
 */
public final class ReadinessGate {

	private static final Log logger = LogFactory.getLog(ReadinessGate.class);

	private final ApplicationEventPublisher publisher;

	private final Duration gracePeriod;

	private final Clock clock;

	private boolean refusing;

	/**
	 * Creates a gate.
	 * @param publisher where to publish the readiness changes
	 * @param gracePeriod how long a required target may be down before traffic is refused
	 * @param clock the clock to measure that time with, the watcher's
	 */
	public ReadinessGate(ApplicationEventPublisher publisher, Duration gracePeriod, Clock clock) {
		this.publisher = publisher;
		this.gracePeriod = gracePeriod;
		this.clock = clock;
	}

	/**
	 * Refuses or accepts traffic after a round of checks.
	 * @param statuses every target's status
	 */
	public synchronized void evaluate(List<TargetStatus> statuses) {
		Instant now = this.clock.instant();
		List<TargetStatus> down = statuses.stream()
			.filter((status) -> status.target().required() && !status.occupied())
			.toList();
		if (!this.refusing) {
			List<TargetStatus> downTooLong = down.stream()
				.filter((status) -> !status.since().plus(this.gracePeriod).isAfter(now))
				.toList();
			if (!downTooLong.isEmpty()) {
				this.refusing = true;
				logger.warn("Refusing traffic: " + String.join("; ", downTooLong.stream()
					.map(TargetStatus::describe)
					.toList()) + " (down for longer than " + Durations.format(this.gracePeriod) + ")");
				AvailabilityChangeEvent.publish(this.publisher, this, ReadinessState.REFUSING_TRAFFIC);
			}
		}
		else if (down.isEmpty()) {
			this.refusing = false;
			logger.info("Accepting traffic again: every required target is up");
			AvailabilityChangeEvent.publish(this.publisher, this, ReadinessState.ACCEPTING_TRAFFIC);
		}
	}

}
