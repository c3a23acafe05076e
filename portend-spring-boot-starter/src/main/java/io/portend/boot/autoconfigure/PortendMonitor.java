package io.portend.boot.autoconfigure;

import java.time.Duration;

import io.portend.boot.PortStateChangedEvent;
import io.portend.boot.PortWatcher;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.SmartApplicationListener;

/**
 * Monitors the watcher's targets from the moment the application is ready until its context
 * closes, publishing a {@link PortStateChangedEvent} on each change, and gating readiness when
 * asked to. Starting only once the application is ready keeps readiness changes after Spring
 * Boot's own ACCEPTING_TRAFFIC; stopping when the context starts closing keeps events out of a
 * closing context.
 */
class PortendMonitor implements SmartApplicationListener {

	private final PortWatcher watcher;

	private final Duration interval;

	private final ApplicationContext context;

	private final ReadinessGate readinessGate;

	/**
	 * Creates a monitor.
	 * @param watcher the watcher
	 * @param interval the time between two rounds of checks
	 * @param context the context to publish events to, and whose events start and stop the monitor
	 * @param readinessGate the readiness gate to feed each round to, or {@code null}
	 */
	PortendMonitor(PortWatcher watcher, Duration interval, ApplicationContext context, ReadinessGate readinessGate) {
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
			ApplicationEventPublisher publisher = this.context;
			this.watcher.startMonitoring(this.interval, publisher::publishEvent,
					(this.readinessGate != null) ? this.readinessGate::evaluate : null);
		}
		else if (event instanceof ContextClosedEvent closed && closed.getApplicationContext() == this.context) {
			this.watcher.stopMonitoring();
		}
	}

}
