package io.portend.boot;

import java.time.Duration;
import java.time.Instant;

import io.portend.PortStatus;
import org.jspecify.annotations.Nullable;

/**
 * The last known state of a {@link PortTarget}. Immutable.
 *
 * @param target the target
 * @param state its state
 * @param since when the target entered this state (or when watching began, while unknown)
 * @param checkedAt when it was last checked, or {@code null} if never
 * @param lastCheck the outcome of the last check, or {@code null} if never checked
 */
public record TargetStatus(PortTarget target, PortState state, Instant since, @Nullable Instant checkedAt,
		@Nullable PortStatus lastCheck) {

	/**
	 * Returns the status of a target that was never checked.
	 * @param target the target
	 * @param since when watching began
	 * @return an unknown status
	 */
	static TargetStatus unchecked(PortTarget target, Instant since) {
		return new TargetStatus(target, PortState.UNKNOWN, since, null, null);
	}

	/**
	 * Returns the status after a check.
	 * @param check the outcome of the check
	 * @param now when it finished
	 * @return the new status; {@link #since()} is kept when the state did not change
	 */
	TargetStatus next(PortStatus check, Instant now) {
		PortState state = check.occupied() ? PortState.OCCUPIED
				: (check.resolved() ? PortState.FREE : PortState.UNKNOWN);
		return new TargetStatus(this.target, state, (state != this.state) ? now : this.since, now, check);
	}

	/**
	 * Returns the target's name.
	 * @return the name
	 */
	public String name() {
		return this.target.name();
	}

	/**
	 * Returns whether the target is occupied.
	 * @return whether the state is {@link PortState#OCCUPIED}
	 */
	public boolean occupied() {
		return this.state == PortState.OCCUPIED;
	}

	/**
	 * Returns how long the last check took.
	 * @return the latency, or {@code null} if never checked
	 */
	public @Nullable Duration latency() {
		return (this.lastCheck != null) ? this.lastCheck.latency() : null;
	}

	/**
	 * Describes the target and, unless it is occupied, why not: {@code database (localhost:5432):
	 * connection refused}, or {@code not checked yet}.
	 * @return the description
	 */
	public String describe() {
		if (occupied()) {
			return this.target.toString();
		}
		String error = error();
		return this.target + ": " + ((error != null) ? error : "not checked yet");
	}

	/**
	 * Returns why the target is not occupied, such as {@code connection refused}.
	 * @return the reason, or {@code null} if it is occupied or was never checked
	 */
	public @Nullable String error() {
		return (this.lastCheck != null && !this.lastCheck.occupied()) ? this.lastCheck.reason() : null;
	}

}
