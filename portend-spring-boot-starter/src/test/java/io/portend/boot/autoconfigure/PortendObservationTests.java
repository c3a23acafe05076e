package io.portend.boot.autoconfigure;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import io.micrometer.common.KeyValue;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.portend.boot.autoconfigure.metrics.PortendMetricsAutoConfiguration;
import io.portend.servers.Listener;
import io.portend.servers.Listeners;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The start-up wait is a Micrometer observation, with one observation per required target
 * inside it.
 */
class PortendObservationTests {

	@AutoClose
	private final Listeners listeners = new Listeners();

	private final List<Observation.Context> stopped = Collections.synchronizedList(new ArrayList<>());

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(PortendAutoConfiguration.class, PortendStartupAutoConfiguration.class,
				PortendMetricsAutoConfiguration.class))
		.withBean(ObservationRegistry.class, () -> {
			ObservationRegistry registry = ObservationRegistry.create();
			registry.observationConfig().observationHandler(new Recorder(this.stopped));
			return registry;
		});

	@Test
	void eachTargetIsObservedWithinTheWait() {
		try (Listener database = this.listeners.closingAtOnce(); Listener cache = this.listeners.closingAtOnce()) {
			this.runner
				.withPropertyValues("portend.wait-for.database=" + database.target(),
						"portend.wait-for.cache=" + cache.target())
				.run((context) -> {
					assertThat(context).hasNotFailed();
					Observation.Context wait = only("portend.startup");
					assertThat(wait.getError()).isNull();
					assertThat(wait.getLowCardinalityKeyValue("targets").getValue()).isEqualTo("2");
					List<Observation.Context> targets = named("portend.startup.target");
					assertThat(targets).extracting((target) -> target.getLowCardinalityKeyValue("target").getValue())
						.containsExactlyInAnyOrder("database", "cache");
					assertThat(targets).allSatisfy((target) -> {
						assertThat(target.getParentObservation().getContextView()).isSameAs(wait);
						assertThat(target.getLowCardinalityKeyValue("outcome")).isEqualTo(KeyValue.of("outcome", "up"));
					});
				});
		}
	}

	@Test
	void aTargetNotReachedInTimeEndsItsObservationWithTheFailure() {
		try (Listener database = this.listeners.notListening()) {
			this.runner.withPropertyValues("portend.wait-for.database=" + database.target(), "portend.timeout=500ms")
				.run((context) -> {
					assertThat(context).hasFailed();
					assertThat(only("portend.startup").getError()).isNotNull();
					Observation.Context target = only("portend.startup.target");
					assertThat(target.getLowCardinalityKeyValue("outcome").getValue()).isEqualTo("unreached");
					assertThat(target.getError()).isNotNull();
				});
		}
	}

	private Observation.Context only(String name) {
		List<Observation.Context> observations = named(name);
		assertThat(observations).hasSize(1);
		return observations.get(0);
	}

	private List<Observation.Context> named(String name) {
		synchronized (this.stopped) {
			return this.stopped.stream().filter((context) -> name.equals(context.getName())).toList();
		}
	}

	private record Recorder(List<Observation.Context> stopped) implements ObservationHandler<Observation.Context> {

		@Override
		public void onStop(Observation.Context context) {
			this.stopped.add(context);
		}

		@Override
		public boolean supportsContext(Observation.Context context) {
			return true;
		}

	}

}
