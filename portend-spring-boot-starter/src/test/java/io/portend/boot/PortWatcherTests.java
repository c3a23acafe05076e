package io.portend.boot;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.portend.Checker;
import io.portend.HostResolver;
import io.portend.PortTimeoutException;
import io.portend.servers.Listener;
import io.portend.servers.Listeners;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link PortWatcher}, against real listeners on loopback.
 */
class PortWatcherTests {

	@AutoClose
	private final Listeners listeners = new Listeners();

	private final List<AutoCloseable> cleanUp = new ArrayList<>();

	@AfterEach
	void cleanUp() throws Exception {
		for (AutoCloseable closeable : this.cleanUp) {
			closeable.close();
		}
		assertThat(ThreadCheck.portendThreads()).isEmpty();
	}

	@Test
	void statusIsUnknownUntilChecked() throws Exception {
		Listener listener = this.listeners.closingAtOnce();
		PortWatcher watcher = watcher(new Checker(), PortTarget.of("db", listener.target()));
		TargetStatus status = watcher.status("db");
		assertThat(status.state()).isEqualTo(PortState.UNKNOWN);
		assertThat(status.checkedAt()).isNull();
		assertThat(status.latency()).isNull();
		assertThat(status.error()).isNull();
	}

	@Test
	void checkSeesOccupiedAndFree() throws Exception {
		Listener listener = this.listeners.closingAtOnce();
		PortWatcher watcher = watcher(new Checker(), PortTarget.of("db", listener.target()));
		TargetStatus up = watcher.check("db");
		assertThat(up.state()).isEqualTo(PortState.OCCUPIED);
		assertThat(up.error()).isNull();
		assertThat(up.latency()).isNotNull();
		listener.stop();
		TargetStatus down = watcher.check("db");
		assertThat(down.state()).isEqualTo(PortState.FREE);
		assertThat(down.error()).contains("refused");
		assertThat(down.since()).isAfterOrEqualTo(up.since());
		assertThat(watcher.status("db")).isEqualTo(down);
	}

	@Test
	void sinceIsKeptWhileTheStateStaysTheSame() throws Exception {
		Listener listener = this.listeners.closingAtOnce();
		PortWatcher watcher = watcher(new Checker(), PortTarget.of("db", listener.target()));
		TargetStatus first = watcher.check("db");
		TargetStatus second = watcher.check("db");
		assertThat(second.since()).isEqualTo(first.since());
		assertThat(second.checkedAt()).isAfterOrEqualTo(first.checkedAt());
	}

	@Test
	void unresolvedHostIsUnknown() throws Exception {
		HostResolver resolver = (host) -> {
			throw new java.net.UnknownHostException(host);
		};
		PortWatcher watcher = watcher(new Checker().withResolver(resolver),
				PortTarget.of("db", io.portend.HostPort.parse("db.example:5432")));
		TargetStatus status = watcher.check("db");
		assertThat(status.state()).isEqualTo(PortState.UNKNOWN);
		assertThat(status.error()).contains("does not resolve");
	}

	@Test
	void unknownNameIsRejected() {
		PortWatcher watcher = watcher(new Checker(), PortTarget.of("db", io.portend.HostPort.parse("127.0.0.1:1")));
		assertThatIllegalArgumentException().isThrownBy(() -> watcher.status("cache"))
			.withMessage("No target is named 'cache'; the targets are [db].");
	}

	@Test
	void duplicateNamesAreRejected() {
		PortTarget target = PortTarget.of("db", io.portend.HostPort.parse("127.0.0.1:1"));
		assertThatIllegalArgumentException().isThrownBy(() -> new PortWatcher(new Checker(), List.of(target, target)))
			.withMessage("Two targets are named 'db'.");
	}

	@Test
	void concurrentRefreshesShareOneRound() throws Exception {
		Listener listener = this.listeners.closingAtOnce();
		AtomicInteger rounds = new AtomicInteger();
		HostResolver counting = (host) -> {
			rounds.incrementAndGet();
			return List.of(InetAddress.getByName(host));
		};
		PortWatcher watcher = watcher(new Checker().withResolver(counting), PortTarget.of("db", listener.target()));
		int callers = 32;
		CyclicBarrier start = new CyclicBarrier(callers);
		ExecutorService executor = Executors.newFixedThreadPool(callers);
		try {
			List<Future<List<TargetStatus>>> results = new ArrayList<>();
			for (int i = 0; i < callers; i++) {
				results.add(executor.submit(() -> {
					start.await();
					return watcher.checkAll(Duration.ofMinutes(1));
				}));
			}
			for (Future<List<TargetStatus>> result : results) {
				assertThat(result.get(30, TimeUnit.SECONDS)).singleElement()
					.satisfies((status) -> assertThat(status.occupied()).isTrue());
			}
		}
		finally {
			executor.shutdownNow();
		}
		assertThat(rounds).hasValue(1);
		watcher.checkAll(Duration.ZERO);
		assertThat(rounds).hasValue(2);
	}

	@Test
	void aCallSharesARoundUnderWayThatStartedWithinItsMaxAge() throws Exception {
		assertThat(roundsWhenASecondCallComesDuringTheFirstRound(Duration.ofMinutes(1))).isEqualTo(1);
	}

	@Test
	void aCallWithoutMaxAgeWaitsForARoundUnderWayAndChecksAgain() throws Exception {
		assertThat(roundsWhenASecondCallComesDuringTheFirstRound(Duration.ZERO)).isEqualTo(2);
	}

	/**
	 * Holds a first round of checks in its resolution of the host until a second call, with the
	 * given maximum age, waits too; then lets both end.
	 * @return how many rounds of checks were made
	 */
	private int roundsWhenASecondCallComesDuringTheFirstRound(Duration secondMaxAge) throws Exception {
		Listener listener = this.listeners.closingAtOnce();
		AtomicInteger rounds = new AtomicInteger();
		CountDownLatch firstRoundResolving = new CountDownLatch(1);
		CountDownLatch firstRoundMayGoOn = new CountDownLatch(1);
		HostResolver holdingTheFirstRound = (host) -> {
			if (rounds.incrementAndGet() == 1) {
				firstRoundResolving.countDown();
				try {
					firstRoundMayGoOn.await();
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}
			return List.of(InetAddress.getByName(host));
		};
		PortWatcher watcher = watcher(new Checker().withResolver(holdingTheFirstRound),
				PortTarget.of("db", listener.target()));
		ExecutorService callers = Executors.newFixedThreadPool(2);
		try {
			Future<List<TargetStatus>> first = callers.submit(() -> watcher.checkAll(Duration.ZERO));
			assertThat(firstRoundResolving.await(30, TimeUnit.SECONDS)).isTrue();
			CompletableFuture<Thread> secondCaller = new CompletableFuture<>();
			Future<List<TargetStatus>> second = callers.submit(() -> {
				secondCaller.complete(Thread.currentThread());
				return watcher.checkAll(secondMaxAge);
			});
			awaitWaiting(secondCaller.get(30, TimeUnit.SECONDS));
			firstRoundMayGoOn.countDown();
			assertThat(first.get(30, TimeUnit.SECONDS)).singleElement()
				.satisfies((status) -> assertThat(status.occupied()).isTrue());
			assertThat(second.get(30, TimeUnit.SECONDS)).singleElement()
				.satisfies((status) -> assertThat(status.occupied()).isTrue());
		}
		finally {
			firstRoundMayGoOn.countDown();
			callers.shutdownNow();
		}
		return rounds.get();
	}

	/** Waits, at most 30 s, until the thread parks: here, waiting for a round's outcome. */
	private static void awaitWaiting(Thread thread) {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
		while (thread.getState() != Thread.State.WAITING && System.nanoTime() - deadline < 0) {
			Thread.onSpinWait();
		}
		assertThat(thread.getState()).isEqualTo(Thread.State.WAITING);
	}

	@Test
	void roundOfHundredTargetsWithTenDroppingConnectionsTakesAboutTheConnectTimeout() throws Exception {
		List<PortTarget> targets = new ArrayList<>();
		for (int i = 0; i < 100; i++) {
			Listener listener = (i % 10 == 0) ? this.listeners.blackholed()
					: this.listeners.closingAtOnce();
			targets.add(PortTarget.of("target-" + i, listener.target()));
		}
		Duration connectTimeout = Duration.ofMillis(300);
		PortWatcher watcher = track(new PortWatcher(new Checker(connectTimeout), targets));
		long start = System.nanoTime();
		List<TargetStatus> statuses = watcher.checkAll(Duration.ZERO);
		Duration took = Duration.ofNanos(System.nanoTime() - start);
		System.out.println("A round of 100 targets, 10 dropping SYNs, connect timeout 300 ms, took " + took.toMillis()
				+ " ms");
		assertThat(statuses).filteredOn(TargetStatus::occupied).hasSize(90);
		assertThat(statuses).filteredOn((status) -> !status.occupied())
			.hasSize(10)
			.allSatisfy((status) -> assertThat(status.error()).contains("not answered within"));
		// Generous bound for a loaded machine; the round itself is bounded by the connect timeout.
		assertThat(took).isLessThan(connectTimeout.plusSeconds(2));
	}

	@Test
	void awaitReturnsWhenALateListenerOpens() throws Exception {
		Listener listener = this.listeners.notListening();
		PortWatcher watcher = watcher(new Checker(), PortTarget.of("db", listener.target()));
		CountDownLatch seenFree = new CountDownLatch(1);
		CompletableFuture<Void> wait = watcher.awaitAsync(List.of("db"), Duration.ofMinutes(1), (status) -> {
			if (status.state() == PortState.FREE) {
				seenFree.countDown();
			}
		});
		assertThat(seenFree.await(30, TimeUnit.SECONDS)).isTrue();
		assertThat(wait).isNotDone();
		listener.start();
		wait.get(30, TimeUnit.SECONDS);
		assertThat(watcher.status("db").occupied()).isTrue();
	}

	@Test
	void awaitTimesOutNamingEveryTargetNotOccupied() throws Exception {
		Listener up = this.listeners.closingAtOnce();
		Listener down = this.listeners.notListening();
		PortWatcher watcher = watcher(new Checker(), PortTarget.of("cache", up.target()),
				PortTarget.of("db", down.target()));
		assertThatExceptionOfType(PortTimeoutException.class).isThrownBy(() -> watcher.awaitAll(Duration.ofMillis(200)))
			.withMessage("Not occupied in time: db (" + down + "): connection refused.")
			.satisfies((ex) -> assertThat(ex.pending()).singleElement()
				.satisfies((status) -> assertThat(status.target()).isEqualTo(down.target())));
	}

	@Test
	void targetTimeoutEndsTheWaitBeforeTheOverallTimeout() throws Exception {
		Listener down = this.listeners.notListening();
		Listener later = this.listeners.notListening();
		PortWatcher watcher = watcher(new Checker(),
				new PortTarget("db", down.target(), Duration.ofMillis(200), true),
				PortTarget.of("queue", later.target()));
		long start = System.nanoTime();
		assertThatExceptionOfType(PortTimeoutException.class).isThrownBy(() -> watcher.awaitAll(Duration.ofMinutes(5)))
			.withMessageContaining("db (" + down + "): connection refused")
			.withMessageContaining("queue (" + later + "): connection refused");
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
	}

	@Test
	void cancellingAWaitStopsIt() throws Exception {
		Listener down = this.listeners.notListening();
		PortWatcher watcher = watcher(new Checker(), PortTarget.of("db", down.target()));
		CompletableFuture<Void> wait = watcher.awaitAsync(List.of("db"), null, null);
		wait.cancel(true);
		watcher.close();
		assertThat(wait).isCancelled();
		assertThat(ThreadCheck.portendThreads()).isEmpty();
	}

	@Test
	void closingTheWatcherEndsWaitsAndThreads() throws Exception {
		Listener down = this.listeners.notListening();
		PortWatcher watcher = watcher(new Checker(), PortTarget.of("db", down.target()));
		CountDownLatch checked = new CountDownLatch(1);
		CompletableFuture<Void> wait = watcher.awaitAsync(List.of("db"), null, (status) -> checked.countDown());
		assertThat(checked.await(30, TimeUnit.SECONDS)).isTrue();
		watcher.close();
		assertThatExceptionOfType(CancellationException.class).isThrownBy(() -> wait.get(30, TimeUnit.SECONDS));
		assertThat(ThreadCheck.portendThreads()).isEmpty();
		assertThatExceptionOfType(IllegalStateException.class)
			.isThrownBy(() -> watcher.awaitAsync(List.of("db"), null, null));
	}

	@Test
	void awaitThrowsInterruptedExceptionAndStopsWhenInterrupted() throws Exception {
		Listener down = this.listeners.notListening();
		PortWatcher watcher = watcher(new Checker(), PortTarget.of("db", down.target()));
		Thread.currentThread().interrupt();
		assertThatExceptionOfType(InterruptedException.class).isThrownBy(() -> watcher.await("db", null));
		assertThat(Thread.interrupted()).isFalse();
	}

	@Test
	void thirtyTwoThreadsShareOneWatcher() throws Exception {
		Listener db = this.listeners.closingAtOnce();
		Listener cache = this.listeners.notListening();
		// A long connect timeout: this is about thread safety, not speed, on a loaded machine.
		PortWatcher watcher = watcher(new Checker(Duration.ofSeconds(10)), PortTarget.of("db", db.target()),
				new PortTarget("cache", cache.target(), null, false));
		int threads = 32;
		CyclicBarrier start = new CyclicBarrier(threads);
		ExecutorService executor = Executors.newFixedThreadPool(threads);
		try {
			List<Future<?>> results = new ArrayList<>();
			for (int i = 0; i < threads; i++) {
				int kind = i % 4;
				results.add(executor.submit(() -> {
					start.await();
					for (int j = 0; j < 20; j++) {
						switch (kind) {
							case 0 -> assertThat(watcher.check("db").state()).isEqualTo(PortState.OCCUPIED);
							case 1 -> assertThat(watcher.checkAll(Duration.ofMillis(10))).hasSize(2);
							case 2 -> watcher.await("db", Duration.ofSeconds(30));
							default -> assertThat(watcher.status("cache").occupied()).isFalse();
						}
					}
					return null;
				}));
			}
			for (Future<?> result : results) {
				result.get(60, TimeUnit.SECONDS);
			}
		}
		finally {
			executor.shutdownNow();
		}
		assertThat(watcher.status("db").occupied()).isTrue();
		assertThat(watcher.status("cache").state()).isEqualTo(PortState.FREE);
	}

	@Test
	void flappingListenerWhileHealthChecksRunConverges() throws Exception {
		Listener flapping = this.listeners.closingAtOnce();
		PortWatcher watcher = watcher(new Checker(Duration.ofSeconds(10)), PortTarget.of("db", flapping.target()));
		ExecutorService executor = Executors.newFixedThreadPool(4);
		CountDownLatch flapped = new CountDownLatch(1);
		List<PortState[]> changes = Collections.synchronizedList(new ArrayList<>());
		watcher.addListener((previous, current) -> changes.add(new PortState[] { previous.state(), current.state() }));
		try {
			List<Future<?>> checkers = new ArrayList<>();
			for (int i = 0; i < 4; i++) {
				checkers.add(executor.submit(() -> {
					while (flapped.getCount() > 0) {
						assertThat(watcher.checkAll(Duration.ZERO)).hasSize(1);
					}
					return null;
				}));
			}
			watcher.startMonitoring(Duration.ofMillis(1), null);
			for (int i = 0; i < 1000; i++) {
				flapping.stop();
				flapping.start();
			}
			flapped.countDown();
			for (Future<?> result : checkers) {
				result.get(30, TimeUnit.SECONDS);
			}
		}
		finally {
			flapped.countDown();
			executor.shutdownNow();
		}
		assertThat(watcher.checkAll(Duration.ZERO)).singleElement()
			.satisfies((status) -> assertThat(status.state()).isEqualTo(PortState.OCCUPIED));
		flapping.stop();
		assertThat(watcher.checkAll(Duration.ZERO)).singleElement()
			.satisfies((status) -> assertThat(status.state()).isEqualTo(PortState.FREE));
		synchronized (changes) {
			assertThat(changes).isNotEmpty();
			for (int i = 1; i < changes.size(); i++) {
				assertThat(changes.get(i)[0]).as("change " + i + " follows the one before").isEqualTo(changes.get(i - 1)[1]);
			}
		}
	}

	@Test
	void listenersAreToldOutsideTheWatchersLocks() throws Exception {
		Listener listener = this.listeners.closingAtOnce();
		PortWatcher watcher = watcher(new Checker(), PortTarget.of("db", listener.target()));
		ExecutorService other = Executors.newSingleThreadExecutor();
		CompletableFuture<PortState> seenMeanwhile = new CompletableFuture<>();
		try {
			// While the listener runs, another thread checks the target again: under a lock, it would wait forever.
			watcher.addListener((previous, current) -> {
				try {
					seenMeanwhile.complete(other.submit(() -> watcher.check("db").state()).get(30, TimeUnit.SECONDS));
				}
				catch (Exception ex) {
					seenMeanwhile.completeExceptionally(ex);
				}
			});
			watcher.check("db");
			assertThat(seenMeanwhile.get(30, TimeUnit.SECONDS)).isEqualTo(PortState.OCCUPIED);
		}
		finally {
			other.shutdownNow();
		}
	}

	private PortWatcher watcher(Checker checker, PortTarget... targets) {
		return track(new PortWatcher(checker, List.of(targets)));
	}

	private <T extends AutoCloseable> T track(T closeable) {
		this.cleanUp.add(closeable);
		return closeable;
	}

}
