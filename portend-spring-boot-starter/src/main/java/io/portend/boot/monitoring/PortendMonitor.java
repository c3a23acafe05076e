package io.portend.boot.monitoring;

import java.time.Duration;

import io.portend.boot.PortStateListener;
import io.portend.boot.PortWatcher;
import io.portend.boot.TargetStatus;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.SmartApplicationListener;

/**
 * Monitors the watcher's targets from the moment the application is ready until its context
 * closes, logging each change and publishing it as a {@link PortStateChangedEvent}, and gating
 * readiness when asked to: the Spring side of the watcher's plain {@link PortStateListener}.
 * Starting only once the application is ready keeps readiness changes after Spring Boot's own
 * ACCEPTING_TRAFFIC; stopping when the context starts closing keeps events out of a closing
 * context.
 */
public final class PortendMonitor implements SmartApplicationListener {

	private static final Log logger = LogFactory.getLog(PortendMonitor.class);

	private final PortWatcher watcher;

	private final Duration interval;

	private final ApplicationContext context;

	private final @Nullable ReadinessGate readinessGate;

	private final PortStateListener publisher = this::publish;

	/**
	 * Creates a monitor.
	 * @param watcher the watcher
	 * @param interval the time between two rounds of checks
	 * @param context the context to publish events to, and whose events start and stop the
	 * monitor
	 * @param readinessGate the readiness gate to feed each round to, or {@code null}
	 */
	public PortendMonitor(PortWatcher watcher, Duration interval, ApplicationContext context,
			@Nullable ReadinessGate readinessGate) {
		this.watcher = watcher;
		this.interval = interval;
		this.context = context;
		this.readinessGate = readinessGate;
	}

	@Override
	public boolean supportsEventType(Class<? extends ApplicationEvent> eventType) {
		return ApplicationReadyEvent.class.isAssignableFrom(eventType)
				|| ContextClosedEvent.class.isAssignableFrom(eventType);
	}

	@Override
	public void onApplicationEvent(ApplicationEvent event) {
		if (event instanceof ApplicationReadyEvent ready && ready.getApplicationContext() == this.context) {
			this.watcher.addListener(this.publisher);
			ReadinessGate gate = this.readinessGate;
			this.watcher.startMonitoring(this.interval, (gate != null) ? gate::evaluate : null);
			logger.info("Monitoring " + this.watcher.targets() + " every " + this.interval.toMillis() + " ms");
		}
		else if (event instanceof ContextClosedEvent closed && closed.getApplicationContext() == this.context) {
			this.watcher.stopMonitoring();
			this.watcher.removeListener(this.publisher);
		}
	}

	private void publish(TargetStatus previous, TargetStatus current) {
		logger.info(current.target() + " is now " + current.state() + " (was " + previous.state() + ")"
				+ ((current.error() != null) ? ": " + current.error() : ""));
		this.context.publishEvent(new PortStateChangedEvent(this.watcher, previous, current));
	}

}
