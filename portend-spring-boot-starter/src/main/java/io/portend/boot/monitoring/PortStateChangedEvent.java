package io.portend.boot.monitoring;

import java.time.Instant;

import io.portend.boot.PortState;
import io.portend.boot.PortTarget;
import io.portend.boot.PortWatcher;
import io.portend.boot.TargetStatus;

import org.springframework.context.ApplicationEvent;

/**
 * Published in the application context when a watched target changes state, for example when a database stops accepting
 * connections. Events for one watcher arrive in the order the changes were seen.
 */
public class PortStateChangedEvent extends ApplicationEvent {

	private static final long serialVersionUID = 1L;

	private final transient TargetStatus previous;

	private final transient TargetStatus status;

	/**
	 * Creates an event.
	 * @param watcher the watcher that saw the change
	 * @param previous the target's status before the change
	 * @param status its status after the change
	 */
	public PortStateChangedEvent(PortWatcher watcher, TargetStatus previous, TargetStatus status) {
		super(watcher);
		this.previous = previous;
		this.status = status;
	}

	/**
	 * Returns the target that changed.
	 * @return the target
	 */
	public PortTarget target() {
		return this.status.target();
	}

	/**
	 * Returns the state before the change.
	 * @return the previous state
	 */
	public PortState previousState() {
		return this.previous.state();
	}

	/**
	 * Returns the state after the change.
	 * @return the new state
	 */
	public PortState state() {
		return this.status.state();
	}

	/**
	 * Returns when the change was seen.
	 * @return the time of the change
	 */
	public Instant time() {
		return this.status.since();
	}

	/**
	 * Returns the target's full status after the change.
	 * @return the new status
	 */
	public TargetStatus status() {
		return this.status;
	}

	@Override
	public String toString() {
		return "PortStateChangedEvent[" + target() + ": " + previousState() + " -> " + state() + " at " + time() + "]";
	}

}
