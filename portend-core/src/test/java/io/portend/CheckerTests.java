package io.portend;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.portend.servers.Listener;
import io.portend.servers.Listeners;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * What {@link Checker} makes of real listeners that behave well and badly: refusing, dropping
 * connection attempts, closing or resetting at once, on one address of several, behind a name that
 * resolves late. Time bounds are generous: how fast is the benchmark's business.
 */
class CheckerTests {

	/** A bound no correct answer comes near on loopback, however loaded the machine. */
	private static final Duration GENEROUS = Duration.ofSeconds(5);

	@AutoClose
	final Listeners listeners = new Listeners();

	@Test
	void roundsGrowApartAsTheWaitGoesOn() throws Exception {
		HostPort target = new HostPort("127.0.0.1", this.listeners.refusedPort());
		List<Long> rounds = new ArrayList<>();
		Checker checker = new Checker().withPollInterval(Duration.ofMillis(1));
		assertThatExceptionOfType(PortTimeoutException.class).isThrownBy(() -> checker
			.awaitOccupied(List.of(target), Duration.ofSeconds(1), (status) -> rounds.add(System.nanoTime())));
		// Every 1 ms at first; towards the end of a 1 s wait, every 0.5 % of the time waited.
		List<Long> lastGaps = new ArrayList<>();
		for (int i = rounds.size() - 10; i < rounds.size(); i++) {
			lastGaps.add(rounds.get(i) - rounds.get(i - 1));
		}
		lastGaps.sort(null);
		assertThat(Duration.ofNanos(lastGaps.get(5))).isGreaterThanOrEqualTo(Duration.ofMillis(3));
		assertThat(rounds).hasSizeLessThan(800);
	}

	@Test
	void refusedPortIsFreeAtOnce() throws Exception {
		HostPort target = new HostPort("127.0.0.1", this.listeners.refusedPort());
		PortStatus status = new Checker().check(target);
		assertThat(status.occupied()).as(status.toString()).isFalse();
		assertThat(status.resolved()).as(status.toString()).isTrue();
		assertThat(status.reason()).isEqualTo("connection refused");
		assertThat(status.target()).isEqualTo(target);
		long start = System.nanoTime();
		Portend.free("127.0.0.1", target.port(), Duration.ofSeconds(30));
		assertThat(elapsedSince(start)).isLessThan(Duration.ofSeconds(1));
	}

	@Test
	void acceptingListenerIsOccupied() throws Exception {
		Listener listener = this.listeners.accepting(Listeners.IPV4_LOOPBACK);
		PortStatus status = new Checker().check(listener.target());
		assertThat(status.occupied()).as(status.toString()).isTrue();
		assertThat(status.reason()).isEqualTo("accepted by 127.0.0.1");
		assertThat(status).hasToString(listener.target() + " occupied (accepted by 127.0.0.1)");
	}

	@Test
	void blackholedPortTimesOutAtTheDeadlineNotAtTheConnectTimeout() throws Exception {
		Listener blackholed = this.listeners.blackholed();
		Checker checker = new Checker(Duration.ofSeconds(5));
		long start = System.nanoTime();
		assertThatExceptionOfType(PortTimeoutException.class)
			.isThrownBy(() -> checker.awaitOccupied(List.of(blackholed.target()), Duration.ofSeconds(1)))
			.withMessage("Port %d not bound on 127.0.0.1.", blackholed.port());
		// Well before the connect timeout: the deadline cut the attempt short.
		assertThat(elapsedSince(start)).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(3));
	}

	@Test
	void blackholedPortIsFreeOnceAnAttemptTimesOut() throws Exception {
		Listener blackholed = this.listeners.blackholed();
		PortStatus status = new Checker(Duration.ofMillis(300)).check(blackholed.target());
		assertThat(status.occupied()).as(status.toString()).isFalse();
		assertThat(status.resolved()).as(status.toString()).isTrue();
		assertThat(status.reason()).matches("not answered within \\d+ ms");
		assertThat(status.latency()).isGreaterThanOrEqualTo(Duration.ofMillis(300));
		Portend.free("127.0.0.1", blackholed.port(), GENEROUS);
	}

	@Test
	void listenerThatClosesAtOnceIsOccupiedUnlessTheCheckIsStrict() throws Exception {
		Listener listener = this.listeners.closingAtOnce();
		assertThat(new Checker().check(listener.target()).occupied()).isTrue();
		// A window long enough that a listeners' thread slowed down by a loaded machine still closes within it.
		PortStatus strict = new Checker().withStrictCheck(Duration.ofSeconds(2)).check(listener.target());
		assertThat(strict.occupied()).as(strict.toString()).isFalse();
		assertThat(strict.reason()).isEqualTo("connection closed by the peer at once");
		assertThat(listener.accepts()).isEqualTo(2);
	}

	@Test
	void listenerThatHoldsConnectionsIsOccupiedUnderStrictCheck() throws Exception {
		Listener listener = this.listeners.accepting(Listeners.IPV4_LOOPBACK);
		Checker strict = new Checker().withStrictCheck(Duration.ofMillis(200));
		PortStatus status = strict.check(listener.target());
		assertThat(status.occupied()).as(status.toString()).isTrue();
		assertThat(status.latency()).isGreaterThanOrEqualTo(Duration.ofMillis(200));
		strict.awaitOccupied(List.of(listener.target()), GENEROUS);
	}

	@Test
	void listenerThatResetsAtOnceIsOccupied() throws Exception {
		Listener listener = this.listeners.resettingAtOnce();
		Checker checker = new Checker();
		for (int i = 0; i < 20; i++) {
			PortStatus status = checker.check(listener.target());
			assertThat(status.occupied()).as(status.toString()).isTrue();
		}
		checker.awaitOccupied(List.of(listener.target()), GENEROUS);
		PortStatus strict = checker.withStrictCheck(Duration.ofSeconds(2)).check(listener.target());
		assertThat(strict.occupied()).as(strict.toString()).isFalse();
		assertThat(strict.reason()).isEqualTo("connection reset by the peer at once");
		assertThat(listener.accepts()).isGreaterThanOrEqualTo(22);
	}

	@Test
	void nameThatResolvesLateIsWaitedFor() throws Exception {
		Listener listener = this.listeners.accepting(Listeners.IPV4_LOOPBACK);
		AtomicBoolean known = new AtomicBoolean();
		HostResolver resolver = (host) -> {
			if (!host.equals("late.test") || !known.get()) {
				throw new UnknownHostException(host + ": not known yet");
			}
			return List.of(Listeners.IPV4_LOOPBACK);
		};
		HostPort target = new HostPort("late.test", listener.port());
		CountDownLatch failedRounds = new CountDownLatch(3);
		List<PortStatus> statuses = new ArrayList<>();
		ExecutorService flipper = Executors.newSingleThreadExecutor();
		try {
			Future<?> flip = flipper.submit(() -> {
				failedRounds.await();
				known.set(true);
				return null;
			});
			new Checker().withResolver(resolver).awaitOccupied(List.of(target), GENEROUS, (status) -> {
				statuses.add(status);
				if (!status.resolved()) {
					failedRounds.countDown();
				}
			});
			flip.get(1, TimeUnit.SECONDS);
		}
		finally {
			flipper.shutdownNow();
			assertThat(flipper.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
		}
		assertThat(statuses).hasSizeGreaterThanOrEqualTo(4);
		assertThat(statuses.get(0).resolved()).as(statuses.get(0).toString()).isFalse();
		assertThat(statuses.get(0).occupied()).as(statuses.get(0).toString()).isFalse();
		assertThat(statuses.get(0).reason()).isEqualTo("host late.test does not resolve (late.test: not known yet)");
		assertThat(statuses.get(statuses.size() - 1).occupied()).isTrue();
	}

	@Test
	void timeoutOnNameThatDoesNotResolveNamesTheResolverFailure() {
		HostResolver resolver = (host) -> {
			throw new UnknownHostException(host + ": no such host (fake)");
		};
		Checker checker = new Checker().withResolver(resolver);
		List<HostPort> target = List.of(new HostPort("db.test", 5432));
		assertThatExceptionOfType(PortTimeoutException.class)
			.isThrownBy(() -> checker.awaitOccupied(target, Duration.ofSeconds(1)))
			.withMessage("Port 5432 not bound on db.test. The host db.test does not resolve (db.test: no such host (fake)).")
			.satisfies((ex) -> assertThat(ex.pending()).singleElement().satisfies((status) -> {
				assertThat(status.resolved()).as(status.toString()).isFalse();
				assertThat(status.occupied()).as(status.toString()).isFalse();
			}));
	}

	@Test
	void nameThatDoesNotResolveIsFree() throws Exception {
		HostResolver resolver = (host) -> {
			throw new UnknownHostException(host + ": no such host (fake)");
		};
		List<HostPort> target = List.of(new HostPort("stopped.test", 5432));
		// A stopped container's name leaves the network's DNS: nothing can accept a connection on it.
		new Checker().withResolver(resolver).awaitFree(target, GENEROUS);
	}

	@Test
	void assertFreeOnNameThatDoesNotResolveThrowsTheResolverError() {
		HostResolver resolver = (host) -> {
			throw new UnknownHostException(host + ": no such host (fake)");
		};
		assertThatExceptionOfType(UnknownHostException.class)
			.isThrownBy(() -> new Checker().withResolver(resolver).assertFree("db.test", 5432))
			.isNotInstanceOf(PortNotFreeException.class)
			.withMessage("Port 5432 cannot be checked on db.test: host db.test does not resolve (db.test: no such host (fake)).");
	}

	@Test
	void portIsOccupiedWhenAnyAddressOfTheHostAccepts() throws Exception {
		Ipv6Loopback.assumeAvailableFor("::1");
		int port = this.listeners.refusedPort();
		HostResolver resolver = (host) -> {
			if (!host.equals("dual.test")) {
				throw new UnknownHostException(host);
			}
			return List.of(Listeners.IPV4_LOOPBACK, Listeners.IPV6_LOOPBACK);
		};
		Checker checker = new Checker().withResolver(resolver);
		List<HostPort> target = List.of(new HostPort("dual.test", port));
		for (InetAddress only : List.of(Listeners.IPV6_LOOPBACK, Listeners.IPV4_LOOPBACK)) {
			try (Listener listener = this.listeners.accepting(new InetSocketAddress(only, port))) {
				PortStatus status = checker.check(target.get(0));
				assertThat(status.occupied()).as(status.toString()).isTrue();
				assertThat(status.reason()).isEqualTo("accepted by " + only.getHostAddress());
				checker.awaitOccupied(target, GENEROUS);
				assertThatExceptionOfType(PortTimeoutException.class)
					.isThrownBy(() -> checker.awaitFree(target, Duration.ofMillis(200)));
				assertThat(listener.accepts()).isGreaterThanOrEqualTo(2);
			}
		}
		PortStatus status = checker.check(target.get(0));
		assertThat(status.occupied()).as(status.toString()).isFalse();
		assertThat(status.reason().split("; ")).containsExactlyInAnyOrder("127.0.0.1: connection refused",
				"0:0:0:0:0:0:0:1: connection refused");
		checker.awaitFree(target, GENEROUS);
	}

	@Test
	void awaitOccupiedOnManyListenersReturns() throws Exception {
		List<HostPort> targets = new ArrayList<>();
		for (int i = 0; i < 200; i++) {
			targets.add(this.listeners.accepting(Listeners.IPV4_LOOPBACK).target());
		}
		new Checker().awaitOccupied(targets, Duration.ofSeconds(10));
		assertThat(new Checker().check(targets)).hasSize(200).allMatch(PortStatus::occupied);
	}

	@Test
	void timeoutMessageNamesEveryPendingTarget() {
		Ipv6Loopback.assumeAvailableFor("::1");
		HostPort listening = this.listeners.accepting(Listeners.IPV4_LOOPBACK).target();
		int[] ports = this.listeners.refusedPorts(3);
		HostPort first = new HostPort("127.0.0.1", ports[0]);
		HostPort second = new HostPort("::1", ports[1]);
		HostPort third = new HostPort("localhost", ports[2]);
		assertThatExceptionOfType(PortTimeoutException.class)
			.isThrownBy(() -> new Checker().awaitOccupied(List.of(first, listening, second, third), Duration.ofMillis(200)))
			.satisfies((ex) -> {
				assertThat(ex.getMessage()).startsWith("Ports not bound: " + first + " (connection refused), " + second
						+ " (connection refused), " + third + " (")
					.doesNotContain(listening.toString());
				assertThat(ex.pending()).extracting(PortStatus::target).containsExactly(first, second, third);
			});
	}

	@Test
	void waitEndsNoEarlierThanItsTimeout() {
		HostPort refused = new HostPort("127.0.0.1", this.listeners.refusedPort());
		long start = System.nanoTime();
		assertThatExceptionOfType(PortTimeoutException.class)
			.isThrownBy(() -> new Checker().awaitOccupied(List.of(refused), Duration.ofMillis(300)));
		assertThat(elapsedSince(start)).isBetween(Duration.ofMillis(300), Duration.ofSeconds(2));
	}

	@Test
	void checkOfSeveralTargetsTakesOneConnectTimeoutAtMost() throws Exception {
		HostPort first = this.listeners.blackholed().target();
		HostPort second = this.listeners.blackholed().target();
		HostPort listening = this.listeners.accepting(Listeners.IPV4_LOOPBACK).target();
		long start = System.nanoTime();
		List<PortStatus> statuses = new Checker(Duration.ofSeconds(1)).check(List.of(first, listening, second));
		// One attempt after the other would take two connect timeouts.
		assertThat(elapsedSince(start)).isLessThan(Duration.ofSeconds(2));
		assertThat(statuses).extracting(PortStatus::target).containsExactly(first, listening, second);
		assertThat(statuses).extracting(PortStatus::occupied).containsExactly(false, true, false);
	}

	@Test
	void latencyOfACheckIsThatOfItsOwnPort() throws Exception {
		Listener quick = this.listeners.accepting(Listeners.IPV4_LOOPBACK);
		Listener slow = this.listeners.accepting(Listeners.IPV4_LOOPBACK);
		HostResolver resolver = (host) -> {
			if (host.equals("slow.test")) {
				// A slow name server, which only the port behind that name should show.
				sleep(Duration.ofMillis(500));
			}
			return List.of(Listeners.IPV4_LOOPBACK);
		};
		List<PortStatus> statuses = new Checker().withResolver(resolver)
			.check(List.of(new HostPort("quick.test", quick.port()), new HostPort("slow.test", slow.port())));
		assertThat(statuses).allMatch(PortStatus::occupied);
		assertThat(statuses.get(0).latency()).isLessThan(Duration.ofMillis(400));
		assertThat(statuses.get(1).latency()).isGreaterThanOrEqualTo(Duration.ofMillis(500));
	}

	@Test
	void invalidSettingsAreRejectedNamingTheValue() {
		assertThatIllegalArgumentException().isThrownBy(() -> new Checker(Duration.ZERO))
			.withMessage("Invalid timeout PT0S: it must be positive.");
		assertThatIllegalArgumentException().isThrownBy(() -> new Checker(null))
			.withMessage("Invalid timeout null: it must be positive.");
		assertThatIllegalArgumentException().isThrownBy(() -> new Checker().withPollInterval(Duration.ofMillis(-5)))
			.withMessage("Invalid poll interval PT-0.005S: it must be positive.");
		assertThatIllegalArgumentException().isThrownBy(() -> new Checker().withStrictCheck(Duration.ofSeconds(-1)))
			.withMessage("Invalid strict check window PT-1S: it must not be negative.");
		assertThatIllegalArgumentException().isThrownBy(() -> new Checker().withResolver(null))
			.withMessage("Resolver must not be null.");
		assertThatIllegalArgumentException().isThrownBy(() -> new Checker().awaitOccupied(null, GENEROUS))
			.withMessage("Targets must not be null.");
		List<HostPort> withNull = new ArrayList<>();
		withNull.add(null);
		assertThatIllegalArgumentException().isThrownBy(() -> new Checker().awaitFree(withNull, GENEROUS))
			.withMessage("Targets must not contain null: [null].");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new Checker().awaitOccupied(List.of(new HostPort("127.0.0.1", 1)), Duration.ofNanos(-1)))
			.withMessage("Invalid timeout PT-0.000000001S: it must not be negative.");
	}

	@Test
	void emptyTargetsAreReachedAtOnce() throws Exception {
		new Checker().awaitOccupied(List.of(), Duration.ZERO);
		new Checker().awaitFree(List.of(), null);
		assertThat(new Checker().check(List.of())).isEmpty();
	}

	private static void sleep(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static Duration elapsedSince(long start) {
		return Duration.ofNanos(System.nanoTime() - start);
	}

}
