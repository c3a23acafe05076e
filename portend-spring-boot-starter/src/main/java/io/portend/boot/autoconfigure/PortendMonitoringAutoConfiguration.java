package io.portend.boot.autoconfigure;

import java.time.Clock;
import java.time.Duration;

import io.portend.boot.PortWatcher;
import io.portend.boot.monitoring.PortendMonitor;
import io.portend.boot.monitoring.ReadinessGate;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;

/**
 * {@link AutoConfiguration Auto-configuration} of the monitoring of the targets after start-up,
 * when {@code portend.monitor.interval} is set or readiness gating is enabled. Monitoring is off
 * by default: it opens a connection to every target at each interval for the application's
 * whole life, which a library should not do unasked; health requests check on demand instead.
 */
@AutoConfiguration(after = PortendAutoConfiguration.class)
@ConditionalOnBean(PortWatcher.class)
@Conditional(PortendMonitoringAutoConfiguration.MonitoringCondition.class)
public final class PortendMonitoringAutoConfiguration {

	/** The monitoring interval when readiness gating is enabled without one. */
	static final Duration DEFAULT_READINESS_INTERVAL = Duration.ofSeconds(5);

	@Bean
	PortendMonitor portendMonitor(PortWatcher watcher, PortendProperties properties, ApplicationContext context) {
		Duration interval = properties.getMonitor().getInterval();
		PortendProperties.Readiness readiness = properties.getReadiness();
		return new PortendMonitor(watcher, (interval != null) ? interval : DEFAULT_READINESS_INTERVAL, context,
				readiness.isEnabled() ? new ReadinessGate(context, readiness.getGracePeriod(), Clock.systemUTC()) : null);
	}

	static class MonitoringCondition extends AnyNestedCondition {

		MonitoringCondition() {
			super(ConfigurationPhase.REGISTER_BEAN);
		}

		@ConditionalOnProperty("portend.monitor.interval")
		static class IntervalSet {

		}

		@ConditionalOnBooleanProperty("portend.readiness.enabled")
		static class ReadinessGated {

		}

	}

}
