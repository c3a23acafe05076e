package io.portend;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import io.portend.servers.Listener;
import io.portend.servers.Listeners;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * {@link Checker} across threads: interrupts, and one instance shared by many threads.
 */
class CheckerConcurrencyTests {

	@AutoClose
	final Listeners listeners = new Listeners();

	@Test
	void interruptEndsAWaitWithInterruptedExceptionAndLeavesNoSocketOpen() throws Exception {
		ProcessResources.assumeFileDescriptorsVisible();
		HostPort refused = new HostPort("127.0.0.1", this.listeners.refusedPort());
		CountDownLatch waiting = new CountDownLatch(3);
		AtomicReference<Throwable> outcome = new AtomicReference<>();
		AtomicBoolean interruptedAfterCatch = new AtomicBoolean(true);
		int socketsBefore = ProcessResources.openSockets();
		int descriptorsBefore = ProcessResources.openChannelDescriptors();
		Thread waiter = new Thread(() -> {
			try {
				new Checker().awaitOccupied(List.of(refused), null, (status) -> waiting.countDown());
				outcome.set(new AssertionError("The wait returned"));
			}
			catch (InterruptedException ex) {
				interruptedAfterCatch.set(Thread.currentThread().isInterrupted());
				outcome.set(ex);
			}
			catch (Throwable ex) {
				outcome.set(ex);
			}
		}, "waiter");
		waiter.start();
		try {
			assertThat(waiting.await(10, TimeUnit.SECONDS)).as("three rounds done").isTrue();
			long interruptedAt = System.nanoTime();
			waiter.interrupt();
			waiter.join(TimeUnit.SECONDS.toMillis(10));
			assertThat(waiter.isAlive()).as("waiter still alive").isFalse();
			assertThat(Duration.ofNanos(System.nanoTime() - interruptedAt)).isLessThan(Duration.ofSeconds(2));
		}
		finally {
			waiter.interrupt();
			waiter.join(TimeUnit.SECONDS.toMillis(10));
		}
		assertThat(outcome.get()).isInstanceOf(InterruptedException.class);
		assertThat(interruptedAfterCatch).as("interrupt status after the exception").isFalse();
		assertThat(ProcessResources.openSockets()).isEqualTo(socketsBefore);
		assertThat(ProcessResources.openChannelDescriptors()).isEqualTo(descriptorsBefore);
	}

	@Test
	void interruptBeforeAWaitEndsItAtOnce() {
		HostPort refused = new HostPort("127.0.0.1", this.listeners.refusedPort());
		Thread.currentThread().interrupt();
		try {
			assertThatExceptionOfType(InterruptedException.class)
				.isThrownBy(() -> new Checker().awaitOccupied(List.of(refused), null));
			assertThat(Thread.currentThread().isInterrupted()).isFalse();
		}
		finally {
			Thread.interrupted();
		}
	}

	@Test
	void assertFreeWhileInterruptedCompletesAndKeepsTheInterruptStatus() {
		int refused = this.listeners.refusedPort();
		Listener listener = this.listeners.accepting(Listeners.IPV4_LOOPBACK);
		try {
			Thread.currentThread().interrupt();
			assertThatNoException().isThrownBy(() -> new Checker().assertFree("127.0.0.1", refused));
			assertThat(Thread.currentThread().isInterrupted()).isTrue();
			assertThatExceptionOfType(PortNotFreeException.class)
				.isThrownBy(() -> new Checker().assertFree("127.0.0.1", listener.port()));
			assertThat(Thread.currentThread().isInterrupted()).isTrue();
		}
		finally {
			Thread.interrupted();
		}
	}

	@Test
	void oneCheckerSharedByManyThreadsGivesConsistentResults() throws Exception {
		Checker checker = new Checker();
		List<HostPort> listening = List.of(this.listeners.accepting(Listeners.IPV4_LOOPBACK).target(),
				this.listeners.closingAtOnce().target());
		int[] ports = this.listeners.refusedPorts(2);
		List<HostPort> refused = List.of(new HostPort("127.0.0.1", ports[0]), new HostPort("127.0.0.1", ports[1]));
		int threads = 32;
		CountDownLatch start = new CountDownLatch(threads);
		Callable<Integer> work = () -> {
			start.countDown();
			start.await();
			int checks = 0;
			for (int i = 0; i < 10; i++) {
				for (HostPort target : listening) {
					PortStatus status = checker.check(target);
					assertThat(status.occupied()).as(status.toString()).isTrue();
				}
				for (HostPort target : refused) {
					PortStatus status = checker.check(target);
					assertThat(status.occupied()).as(status.toString()).isFalse();
				}
				List<PortStatus> statuses = checker.check(List.of(listening.get(0), refused.get(0), listening.get(1)));
				assertThat(statuses).as(statuses.toString())
					.extracting(PortStatus::occupied)
					.containsExactly(true, false, true);
				checker.awaitOccupied(listening, Duration.ofSeconds(30));
				checker.awaitFree(refused, Duration.ofSeconds(30));
				checks += 7;
			}
			return checks;
		};
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		try {
			List<Future<Integer>> results = new ArrayList<>();
			for (int i = 0; i < threads; i++) {
				results.add(pool.submit(work));
			}
			for (Future<Integer> result : results) {
				assertThat(result.get(60, TimeUnit.SECONDS)).isEqualTo(70);
			}
		}
		finally {
			pool.shutdownNow();
			assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).as("all threads ended").isTrue();
		}
	}

}
