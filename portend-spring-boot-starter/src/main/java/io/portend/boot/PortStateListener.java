package io.portend.boot;

/**
 * Told by a {@link PortWatcher} of every change of a target's state, whichever check saw it:
 * monitoring, a health request, a wait or {@link PortWatcher#check(String)}. Changes of one
 * watcher arrive one at a time and in the order they were seen, outside any of the watcher's
 * locks, in the thread that saw the change or in one that saw a later change; a listener should
 * not block.
 */
@FunctionalInterface
public interface PortStateListener {

	/**
	 * Called when a target's state changed.
	 * @param previous the target's status before the change
	 * @param current its status after the change
	 */
	void stateChanged(TargetStatus previous, TargetStatus current);

}
