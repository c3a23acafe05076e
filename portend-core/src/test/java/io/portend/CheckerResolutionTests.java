package io.portend;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import io.portend.servers.Listener;
import io.portend.servers.Listeners;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * What {@link Checker} does when name resolution is slow: a resolver that blocks (and ignores
 * interrupts) holds up neither a deadline nor the other targets. Injected resolvers only, never
 * DNS. Time bounds are generous; the overshoot itself is the benchmark's business (B4).
 */
class CheckerResolutionTests {

	/** Longer than any wait here: the deadline, not the resolver, must end each one. */
	private static final Duration RESOLVER_BLOCKS_AT_MOST = Duration.ofSeconds(30);

	private static final Duration GENEROUS = Duration.ofSeconds(5);

	@AutoClose
	final Listeners listeners = new Listeners();

	private final CountDownLatch release = new CountDownLatch(1);

	private final CountDownLatch resolving = new CountDownLatch(1);

	private final CountDownLatch resolverReturned = new CountDownLatch(1);

	/** Blocks on {@code slow.test} until released, ignoring interrupts; resolves anything else to loopback. */
	private final HostResolver blocking = (host) -> {
		if (!host.equals("slow.test")) {
			return List.of(Listeners.IPV4_LOOPBACK);
		}
		this.resolving.countDown();
		long deadline = System.nanoTime() + RESOLVER_BLOCKS_AT_MOST.toNanos();
		try {
			while (this.release.getCount() > 0 && System.nanoTime() < deadline) {
				try {
					this.release.await(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
				}
				catch (InterruptedException ex) {
					// A resolver stuck in a system call does not notice interrupts either.
				}
			}
			return List.of(Listeners.IPV4_LOOPBACK);
		}
		finally {
			this.resolverReturned.countDown();
		}
	};

	@AfterEach
	void releaseResolver() {
		this.release.countDown();
	}

	@Test
	void waitEndsAtItsDeadlineWhileTheResolverBlocks() {
		Checker checker = new Checker().withResolver(this.blocking);
		long start = System.nanoTime();
		assertThatExceptionOfType(PortTimeoutException.class)
			.isThrownBy(() -> checker.awaitOccupied(List.of(new HostPort("slow.test", 5432)), Duration.ofMillis(100)))
			.withMessageMatching("Port 5432 not bound on slow.test\\. "
					+ "The host slow.test is still being resolved after \\d+ ms\\.");
		assertThat(elapsedSince(start)).isBetween(Duration.ofMillis(100), GENEROUS);
		assertThat(this.resolverReturned.getCount()).as("resolver calls that returned").isOne();
	}

	@Test
	void nameStillBeingResolvedIsNotFree() {
		Checker checker = new Checker().withResolver(this.blocking);
		assertThatExceptionOfType(PortTimeoutException.class)
			.isThrownBy(() -> checker.awaitFree(List.of(new HostPort("slow.test", 5432)), Duration.ofMillis(100)))
			.withMessageStartingWith("Port 5432 not free on slow.test. The host slow.test is still being resolved");
	}

	@Test
	void slowNameNeverDelaysTheOtherTargets() throws Exception {
		Listener quick = this.listeners.accepting(Listeners.IPV4_LOOPBACK);
		Listener slow = this.listeners.accepting(Listeners.IPV4_LOOPBACK);
		HostPort quickTarget = new HostPort("quick.test", quick.port());
		List<HostPort> targets = List.of(new HostPort("slow.test", slow.port()), quickTarget);
		AtomicInteger quickOccupiedWhileSlowBlocked = new AtomicInteger();
		new Checker().withResolver(this.blocking).awaitOccupied(targets, GENEROUS, (status) -> {
			if (status.target().equals(quickTarget) && status.occupied()) {
				quickOccupiedWhileSlowBlocked.set((int) this.resolverReturned.getCount());
				// Only now may the slow name resolve: the quick one must not have waited for it.
				this.release.countDown();
			}
		});
		assertThat(quickOccupiedWhileSlowBlocked).hasValue(1);
	}

	@Test
	void checkGivesUpOnAResolverSlowerThanItsTimeout() throws Exception {
		Listener quick = this.listeners.accepting(Listeners.IPV4_LOOPBACK);
		Checker checker = new Checker(Duration.ofMillis(200)).withResolver(this.blocking);
		List<PortStatus> statuses = checker
			.check(List.of(new HostPort("slow.test", 5432), new HostPort("quick.test", quick.port())));
		assertThat(statuses.get(0).resolved()).as(statuses.get(0).toString()).isFalse();
		assertThat(statuses.get(0).reason()).matches("host slow.test is still being resolved after \\d+ ms");
		assertThat(statuses.get(0).latency()).isBetween(Duration.ofMillis(200), GENEROUS);
		assertThat(statuses.get(1).occupied()).as(statuses.get(1).toString()).isTrue();
		assertThat(statuses.get(1).latency()).isLessThan(statuses.get(0).latency());
	}

	@Test
	void assertFreeOnANameStillBeingResolvedThrowsUnknownHostException() {
		Checker checker = new Checker(Duration.ofMillis(100)).withResolver(this.blocking);
		assertThatExceptionOfType(UnknownHostException.class).isThrownBy(() -> checker.assertFree("slow.test", 5432))
			.withMessageStartingWith("Port 5432 cannot be checked on slow.test: host slow.test is still being resolved");
	}

	@Test
	void interruptEndsAWaitWhateverTheResolverDoes() throws Exception {
		ProcessResources.assumeFileDescriptorsVisible();
		int socketsBefore = ProcessResources.openSockets();
		AtomicReference<Throwable> outcome = new AtomicReference<>();
		Thread waiter = new Thread(() -> {
			try {
				new Checker().withResolver(this.blocking).awaitOccupied(List.of(new HostPort("slow.test", 5432)), null);
				outcome.set(new AssertionError("The wait returned"));
			}
			catch (Throwable ex) {
				outcome.set(ex);
			}
		}, "waiter");
		waiter.start();
		try {
			assertThat(this.resolving.await(10, TimeUnit.SECONDS)).as("resolver called").isTrue();
			waiter.interrupt();
			waiter.join(TimeUnit.SECONDS.toMillis(10));
			assertThat(waiter.isAlive()).as("waiter still alive").isFalse();
		}
		finally {
			waiter.interrupt();
			waiter.join(TimeUnit.SECONDS.toMillis(10));
		}
		assertThat(outcome.get()).isInstanceOf(InterruptedException.class);
		assertThat(this.resolverReturned.getCount()).as("resolver calls that returned").isOne();
		assertThat(ProcessResources.openSockets()).isEqualTo(socketsBefore);
		// The resolver call finishes in the background once it can, and its answer is dropped.
		this.release.countDown();
		assertThat(this.resolverReturned.await(10, TimeUnit.SECONDS)).as("resolver returned").isTrue();
		assertThat(ProcessResources.openSockets()).isEqualTo(socketsBefore);
	}

	@Test
	void resolutionsRunOnABoundedPoolOfDaemonThreads() throws Exception {
		List<HostPort> targets = List.of(new HostPort("slow.test", 5432));
		Checker checker = new Checker().withResolver(this.blocking);
		for (int i = 0; i < 20; i++) {
			assertThatExceptionOfType(PortTimeoutException.class)
				.isThrownBy(() -> checker.awaitOccupied(targets, Duration.ofMillis(1)));
		}
		List<Thread> resolvers = Thread.getAllStackTraces().keySet().stream()
			.filter((thread) -> thread.getName().startsWith("portend-resolver-"))
			.toList();
		assertThat(resolvers).hasSizeBetween(1, 8).allMatch(Thread::isDaemon);
	}

	private static Duration elapsedSince(long start) {
		return Duration.ofNanos(System.nanoTime() - start);
	}

}
