package io.portend.boot.metrics;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.portend.boot.Durations;
import io.portend.boot.PortTarget;
import io.portend.boot.TargetStatus;
import io.portend.boot.startup.StartupWaitListener;
import org.jspecify.annotations.Nullable;

/**
 * Observes the start-up wait with Micrometer: an observation {@code portend.startup} for the
 * whole wait, and within it one {@code portend.startup.target} per required target (tag
 * {@code target}; {@code outcome} {@code up} or {@code unreached}), so that a trace of
 * start-up shows what it waited for and how long each target took.
 */
public class StartupWaitObservation implements StartupWaitListener {

	private final ObservationRegistry registry;

	private final Map<String, Observation> targets = new ConcurrentHashMap<>();

	private volatile @Nullable Observation wait;

	/**
	 * Creates an observation of the start-up wait.
	 * @param registry the registry to observe in
	 */
	public StartupWaitObservation(ObservationRegistry registry) {
		this.registry = registry;
	}

	@Override
	public void waitStarted(List<PortTarget> awaited, Duration timeout) {
		Observation wait = Observation.createNotStarted("portend.startup", this.registry)
			.contextualName("portend start-up wait")
			.lowCardinalityKeyValue("targets", String.valueOf(awaited.size()))
			.highCardinalityKeyValue("timeout", Durations.format(timeout))
			.start();
		this.wait = wait;
		for (PortTarget target : awaited) {
			this.targets.put(target.name(),
					Observation.createNotStarted("portend.startup.target", this.registry)
						.contextualName("portend wait for " + target.name())
						.parentObservation(wait)
						.lowCardinalityKeyValue("target", target.name())
						.highCardinalityKeyValue("address", target.address().toString())
						.start());
		}
	}

	@Override
	public void targetUp(TargetStatus status, Duration elapsed) {
		Observation target = this.targets.remove(status.name());
		if (target != null) {
			target.lowCardinalityKeyValue("outcome", "up").stop();
		}
	}

	@Override
	public void waitEnded(List<TargetStatus> unreached, Duration elapsed, @Nullable Throwable failure) {
		for (TargetStatus status : unreached) {
			Observation target = this.targets.remove(status.name());
			if (target != null) {
				target.lowCardinalityKeyValue("outcome", "unreached");
				if (failure != null) {
					target.error(failure);
				}
				target.stop();
			}
		}
		Observation wait = this.wait;
		if (wait != null) {
			if (failure != null) {
				wait.error(failure);
			}
			wait.stop();
		}
	}

}
