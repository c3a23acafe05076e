package io.portend.boot;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import io.portend.Checker;
import io.portend.HostPort;
import io.portend.PortStatus;
import io.portend.PortTimeoutException;
import org.jspecify.annotations.Nullable;

/**
 * One wait for several targets: the targets that share a deadline form a group, each group is
 * awaited by a check thread of its own, and the wait completes when every group is occupied,
 * or fails as soon as one group's deadline passes, naming every target not occupied yet.
 */
final class GroupedWait extends CompletableFuture<Void> {

	private final Checker checker;

	private final StatusStore store;

	private final List<PortTarget> awaited;

	private final Map<@Nullable Duration, Map<HostPort, List<PortTarget>>> groups;

	private final AtomicInteger remainingGroups;

	private final @Nullable Consumer<TargetStatus> progress;

	private GroupedWait(Checker checker, StatusStore store, List<PortTarget> awaited,
			Map<@Nullable Duration, Map<HostPort, List<PortTarget>>> groups, @Nullable Consumer<TargetStatus> progress) {
		this.checker = checker;
		this.store = store;
		this.awaited = awaited;
		this.groups = groups;
		this.remainingGroups = new AtomicInteger(groups.size());
		this.progress = progress;
	}

	/**
	 * Starts a wait on the executor's threads.
	 * @see PortWatcher#awaitAsync(Collection, Duration, Consumer)
	 */
	static CompletableFuture<Void> start(Checker checker, StatusStore store, ExecutorService executor,
			Collection<String> names, @Nullable Duration timeout, @Nullable Consumer<TargetStatus> progress) {
		if (timeout != null && timeout.isNegative()) {
			throw new IllegalArgumentException("Invalid timeout " + timeout + ": it must not be negative.");
		}
		Map<String, PortTarget> awaited = new LinkedHashMap<>();
		Map<@Nullable Duration, Map<HostPort, List<PortTarget>>> groups = new LinkedHashMap<>();
		for (String name : names) {
			PortTarget target = store.target(name);
			if (awaited.putIfAbsent(target.name(), target) == null) {
				groups.computeIfAbsent(earliest(timeout, target.timeout()), (key) -> new LinkedHashMap<>())
					.computeIfAbsent(target.address(), (key) -> new ArrayList<>())
					.add(target);
			}
		}
		GroupedWait wait = new GroupedWait(checker, store, List.copyOf(awaited.values()), groups, progress);
		wait.submitGroups(executor);
		return wait;
	}

	private void submitGroups(ExecutorService executor) {
		if (this.groups.isEmpty()) {
			complete(null);
			return;
		}
		List<Future<?>> tasks = new ArrayList<>(this.groups.size());
		try {
			for (Map.Entry<@Nullable Duration, Map<HostPort, List<PortTarget>>> group : this.groups.entrySet()) {
				tasks.add(executor.submit(() -> awaitGroup(group.getKey(), group.getValue())));
			}
		}
		catch (RejectedExecutionException ex) {
			tasks.forEach((task) -> task.cancel(true));
			throw new IllegalStateException("The watcher is closed.", ex);
		}
		// Once one group fails or the wait is cancelled, the other groups have nothing left to do.
		whenComplete((result, failure) -> tasks.forEach((task) -> task.cancel(true)));
	}

	private void awaitGroup(@Nullable Duration timeout, Map<HostPort, List<PortTarget>> byAddress) {
		try {
			this.checker.awaitOccupied(byAddress.keySet(), timeout, (check) -> {
				for (PortTarget target : byAddress.get(check.target())) {
					TargetStatus status = this.store.record(target, check);
					if (this.progress != null) {
						this.progress.accept(status);
					}
				}
			});
			if (this.remainingGroups.decrementAndGet() == 0) {
				complete(null);
			}
		}
		catch (PortTimeoutException ex) {
			for (PortStatus check : ex.pending()) {
				for (PortTarget target : byAddress.get(check.target())) {
					this.store.record(target, check);
				}
			}
			completeExceptionally(timeout(ex));
		}
		catch (InterruptedException ex) {
			completeExceptionally(new CancellationException("The wait was cancelled."));
		}
		catch (RuntimeException | Error ex) {
			completeExceptionally(ex);
		}
	}

	private PortTimeoutException timeout(PortTimeoutException cause) {
		List<PortStatus> pending = new ArrayList<>();
		List<String> reasons = new ArrayList<>();
		for (PortTarget target : this.awaited) {
			TargetStatus status = this.store.status(target.name());
			if (!status.occupied()) {
				reasons.add(status.describe());
				PortStatus lastCheck = status.lastCheck();
				if (lastCheck != null) {
					pending.add(lastCheck);
				}
			}
		}
		return new PortTimeoutException("Not occupied in time: " + String.join("; ", reasons) + ".",
				pending.isEmpty() ? cause.pending() : pending);
	}

	private static @Nullable Duration earliest(@Nullable Duration timeout, @Nullable Duration targetTimeout) {
		if (timeout == null) {
			return targetTimeout;
		}
		return (targetTimeout != null && targetTimeout.compareTo(timeout) < 0) ? targetTimeout : timeout;
	}

}
