package io.portend.boot.metrics;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.portend.boot.PortTarget;
import io.portend.boot.PortWatcher;

/**
 * Binds the metrics of a {@link PortWatcher}: a gauge {@code portend.target.occupied} per target
 * (tag {@code target}; 1 when the last check found it occupied, else 0), and a time gauge
 * {@code portend.startup.wait} with the time the required targets took to come up at start-up,
 * like Spring Boot's own {@code application.started.time}. The target gauges read the last known
 * state and never connect: they follow the targets' state as monitoring, health requests or
 * {@link PortWatcher#check(String)} see it.
 */
public class PortendMetrics implements MeterBinder {

	private final PortWatcher watcher;

	private final Supplier<Duration> startupWait;

	/**
	 * Creates a binder.
	 * @param watcher the watcher whose targets to report
	 * @param startupWait how long the required targets took to come up at start-up, or a
	 * supplier of {@code null} if start-up did not wait
	 */
	public PortendMetrics(PortWatcher watcher, Supplier<Duration> startupWait) {
		this.watcher = watcher;
		this.startupWait = startupWait;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		for (PortTarget target : this.watcher.targets()) {
			Gauge.builder("portend.target.occupied", this.watcher, (watcher) -> watcher.status(target.name()).occupied() ? 1 : 0)
				.tag("target", target.name())
				.description("Whether the target accepted connections when last checked (1) or not (0)")
				.register(registry);
		}
		Duration waited = this.startupWait.get();
		if (waited != null) {
			TimeGauge.builder("portend.startup.wait", waited::toNanos, TimeUnit.NANOSECONDS)
				.description("Time the required targets took to come up at start-up")
				.register(registry);
		}
	}

}
