package io.portend.boot;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import io.portend.PortStatus;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * The last known status of each target, and the listeners told of every change. Changes are
 * recorded under a lock, so that each follows the one before it, and delivered outside it, one
 * at a time and in order, by whichever recording thread finds them queued.
 */
final class StatusStore {

	private static final Log logger = LogFactory.getLog(StatusStore.class);

	private final Map<String, PortTarget> targets;

	private final Map<String, TargetStatus> statuses = new ConcurrentHashMap<>();

	private final Clock clock;

	private final Object updateLock = new Object();

	private final List<PortStateListener> listeners = new CopyOnWriteArrayList<>();

	private final Queue<Change> changes = new ConcurrentLinkedQueue<>();

	private final AtomicBoolean delivering = new AtomicBoolean();

	StatusStore(Collection<PortTarget> targets, Clock clock) {
		Map<String, PortTarget> byName = new LinkedHashMap<>();
		for (PortTarget target : targets) {
			if (byName.putIfAbsent(target.name(), target) != null) {
				throw new IllegalArgumentException("Two targets are named '" + target.name() + "'.");
			}
			this.statuses.put(target.name(), TargetStatus.unchecked(target, clock.instant()));
		}
		this.targets = Collections.unmodifiableMap(byName);
		this.clock = clock;
	}

	Map<String, PortTarget> targets() {
		return this.targets;
	}

	PortTarget target(String name) {
		PortTarget target = this.targets.get(name);
		if (target == null) {
			throw new IllegalArgumentException(
					"No target is named '" + name + "'; the targets are " + this.targets.keySet() + ".");
		}
		return target;
	}

	TargetStatus status(String name) {
		return this.statuses.get(target(name).name());
	}

	List<TargetStatus> statuses() {
		List<TargetStatus> result = new ArrayList<>(this.targets.size());
		for (String name : this.targets.keySet()) {
			result.add(this.statuses.get(name));
		}
		return result;
	}

	void addListener(PortStateListener listener) {
		this.listeners.add(listener);
	}

	void removeListener(PortStateListener listener) {
		this.listeners.remove(listener);
	}

	/**
	 * Records the outcome of a check of a target, and tells the listeners if its state changed.
	 * @return the target's new status
	 */
	TargetStatus record(PortTarget target, PortStatus check) {
		TargetStatus current;
		synchronized (this.updateLock) {
			TargetStatus previous = this.statuses.get(target.name());
			current = previous.next(check, this.clock.instant());
			this.statuses.put(target.name(), current);
			if (current.state() != previous.state() && !this.listeners.isEmpty()) {
				this.changes.add(new Change(previous, current));
			}
		}
		deliverChanges();
		return current;
	}

	private void deliverChanges() {
		// The loop's second look catches a change queued while another thread finished delivering.
		while (!this.changes.isEmpty() && this.delivering.compareAndSet(false, true)) {
			try {
				for (Change change = this.changes.poll(); change != null; change = this.changes.poll()) {
					notifyListeners(change.previous(), change.current());
				}
			}
			finally {
				this.delivering.set(false);
			}
		}
	}

	private void notifyListeners(TargetStatus previous, TargetStatus current) {
		for (PortStateListener listener : this.listeners) {
			try {
				listener.stateChanged(previous, current);
			}
			catch (RuntimeException ex) {
				logger.warn("Listener failed on a state change of " + current.target(), ex);
			}
		}
	}

	private record Change(TargetStatus previous, TargetStatus current) {

	}

}
