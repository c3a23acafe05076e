package io.portend.boot.startup;

import java.time.Duration;
import java.util.List;

import io.portend.boot.PortTarget;
import io.portend.boot.TargetStatus;
import org.jspecify.annotations.Nullable;

/**
 * Told how the start-up wait for the required targets goes: the log, tracing and metrics follow
 * it through this interface. {@link #targetChecked} and {@link #targetUp} are called from the
 * watcher's threads, one call at a time; the others from the thread that starts or joins the
 * wait.
 */
public interface StartupWaitListener {

	/**
	 * Called when the wait starts.
	 * @param awaited the required targets awaited
	 * @param timeout the overall deadline
	 */
	default void waitStarted(List<PortTarget> awaited, Duration timeout) {
	}

	/**
	 * Called after every round of checks of a target.
	 * @param status its status
	 * @param elapsed the time since the wait started
	 */
	default void targetChecked(TargetStatus status, Duration elapsed) {
	}

	/**
	 * Called once for each target, when it first comes up.
	 * @param status its status
	 * @param elapsed the time since the wait started
	 */
	default void targetUp(TargetStatus status, Duration elapsed) {
	}

	/**
	 * Called when the wait ends, whether every target came up or not.
	 * @param unreached the last status of every awaited target that did not come up
	 * @param elapsed how long the wait took
	 * @param failure why the wait failed, or {@code null} if every target came up
	 */
	default void waitEnded(List<TargetStatus> unreached, Duration elapsed, @Nullable Throwable failure) {
	}

}
