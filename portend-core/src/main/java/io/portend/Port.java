package io.portend;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/** One port's rounds of attempts in a {@link Probe}: the state of the current round. */
final class Port {

	final HostPort target;

	/** The host to connect to: bind-all addresses mean loopback. */
	final String host;

	/** The conversation that proves the port ready once connected, or {@code null} if connecting is enough. */
	final @Nullable Conversation conversation;

	final List<Attempt> attempts = new ArrayList<>(2);

	final List<Failure> failures = new ArrayList<>(2);

	long roundStart;

	long roundEnd;

	long nextRound;

	boolean done;

	/** Whether the round proves nothing either way: the run's deadline cut it short. */
	boolean inconclusive;

	@Nullable InetAddress acceptedBy;

	/** What the server said that proved it ready, or {@code null} when connecting was enough. */
	@Nullable String readyDetail;

	/** Whether a connection was accepted this round, and a readiness conversation started on it. */
	boolean conversed;

	/** The status of the last round that proved something, or {@code null} before one did. */
	@Nullable PortStatus lastConclusive;

	/** Why the host has no addresses this round, or {@code null} if it has. */
	@Nullable String unresolved;

	/** The resolution of this round's host under way, or {@code null}. */
	@Nullable Resolution resolution;

	Port(HostPort target, @Nullable Conversation conversation) {
		this.target = target;
		this.host = Hosts.clientHost(target.host());
		this.conversation = conversation;
	}

	void startRound(long now) {
		this.roundStart = now;
		this.failures.clear();
		this.inconclusive = false;
		this.acceptedBy = null;
		this.readyDetail = null;
		this.conversed = false;
		this.unresolved = null;
	}

	boolean roundOver() {
		return this.resolution == null && (this.acceptedBy != null || this.attempts.isEmpty());
	}

	void closeAttempts() {
		for (Attempt attempt : this.attempts) {
			attempt.close();
		}
		this.attempts.clear();
	}

	void cancelResolution() {
		if (this.resolution != null) {
			this.resolution.cancel(true);
			this.resolution = null;
		}
	}

	/**
	 * Returns the status of the last round. Every port's first round starts with the run, so
	 * there always is one.
	 */
	PortStatus status() {
		return new PortStatus(this.target, this.acceptedBy != null, this.acceptedBy != null || this.conversed,
				this.unresolved == null, Duration.ofNanos(this.roundEnd - this.roundStart), reason());
	}

	private String reason() {
		if (this.unresolved != null) {
			return this.unresolved;
		}
		if (this.acceptedBy != null) {
			return (this.readyDetail == null) ? "accepted by " + this.acceptedBy.getHostAddress()
					: "ready: " + this.readyDetail + " (" + this.acceptedBy.getHostAddress() + ")";
		}
		if (this.failures.size() == 1) {
			return this.failures.get(0).reason();
		}
		StringBuilder reason = new StringBuilder();
		for (Failure failure : this.failures) {
			reason.append(reason.isEmpty() ? "" : "; ").append(failure.address().getHostAddress()).append(": ");
			reason.append(failure.reason());
		}
		return reason.toString();
	}

}
