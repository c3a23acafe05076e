package io.portend;

import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

/**
 * Checks TCP ports, and waits for them to become occupied or free. Immutable and thread-safe:
 * share one instance; the {@code with…} methods return a changed copy.
 *
 * <p>A check is a round of connection attempts, one to every address the host resolves to
 * (IPv4 and IPv6 at the same time). The port is <em>occupied</em> when any attempt is accepted.
 * It is <em>free</em> when every attempt is refused or times out: as in portend, a port that
 * drops connection attempts (a firewall, a listener with a full backlog) counts as free. So is a
 * port on a host that does not resolve, since nothing can accept a connection there (a stopped
 * container's name leaves its network's DNS): {@code awaitFree} returns for it, while
 * {@code awaitOccupied} keeps trying until the name resolves. A bind-all host such as
 * {@code 0.0.0.0} or {@code ::} is checked on the loopback address of its family
 * ({@link Portend#clientHost(String)}). A check sends no data: it connects, and closes with a
 * reset so that frequent checks leave no TIME_WAIT sockets behind.
 *
 * <p>Several ports are checked at the same time, every attempt with the whole timeout: a round
 * takes the timeout plus the time it takes to start every attempt, tens of microseconds each.
 *
 * <p>Waits run in the calling thread and keep their deadline, whatever the resolver does: no
 * attempt outlives the time left. Host names are resolved on a small shared pool of daemon
 * threads (IP literals need none), so a slow name server delays neither the deadline nor the
 * other ports; a resolution still running when the wait ends finishes in the background, and
 * its result is dropped. Waits answer an interrupt at once with {@link InterruptedException}.
 *
 * <p>The JVM's resolver caches failed lookups for 10 seconds
 * ({@code networkaddress.cache.negative.ttl}), so a name that appears late may be seen up to 10
 * seconds after it does. portend leaves that setting alone: it belongs to the application that
 * shares the JVM, and a shorter one sends every failed lookup of the process to the name server.
 * Set it to 0 (in the {@code java.security} file, or with
 * {@link java.security.Security#setProperty(String, String)} before the first lookup) where a
 * wait for a late name matters more; the command line does.
 */
public final class Checker {

	private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(1);

	private static final Duration DEFAULT_POLL_INTERVAL = Duration.ofMillis(4);

	private final Duration timeout;

	private final Duration pollInterval;

	private final Duration strictWindow;

	private final HostResolver resolver;

	/**
	 * Creates a checker whose connection attempts time out after one second, portend's default.
	 */
	public Checker() {
		this(DEFAULT_TIMEOUT);
	}

	/**
	 * Creates a checker whose connection attempts time out after the given time.
	 * @param timeout how long one connection attempt may take; positive
	 * @throws IllegalArgumentException if the timeout is null, zero or negative
	 */
	public Checker(Duration timeout) {
		this(requirePositive("timeout", timeout), DEFAULT_POLL_INTERVAL, Duration.ZERO, HostResolver.system());
	}

	private Checker(Duration timeout, Duration pollInterval, Duration strictWindow, HostResolver resolver) {
		this.timeout = timeout;
		this.pollInterval = pollInterval;
		this.strictWindow = strictWindow;
		this.resolver = resolver;
	}

	/**
	 * Returns a copy that starts a round of attempts this often at the start of a wait. As the
	 * wait goes on, the time between rounds grows to 0.5 % of the time waited so far, up to
	 * 100 ms (portend's interval), so a change is always noticed within 0.5 % of the wait (or the
	 * poll interval, if longer). The default, 4 ms, notices a port that opens within a few
	 * milliseconds early in a wait, when services that start together come up; each round costs
	 * the waiting thread a wake-up and a connection attempt, so a long wait costs ever less CPU.
	 * BENCHMARKS.md (B1, B3) has the measured latency and cost.
	 * @param pollInterval the time between the starts of two rounds at the start of a wait;
	 * positive
	 * @return a changed copy
	 * @throws IllegalArgumentException if the interval is null, zero or negative
	 */
	public Checker withPollInterval(Duration pollInterval) {
		return new Checker(this.timeout, requirePositive("poll interval", pollInterval), this.strictWindow,
				this.resolver);
	}

	/**
	 * Returns a copy that resolves hosts with the given resolver instead of the JVM's.
	 * @param resolver the resolver
	 * @return a changed copy
	 * @throws IllegalArgumentException if the resolver is null
	 */
	public Checker withResolver(HostResolver resolver) {
		if (resolver == null) {
			throw new IllegalArgumentException("Resolver must not be null.");
		}
		return new Checker(this.timeout, this.pollInterval, this.strictWindow, resolver);
	}

	/**
	 * Returns a copy whose accepted connections count only if the peer keeps them open for the
	 * given window, or sends data within it. Container port proxies accept connections and close
	 * them at once while nothing listens behind them; a strict check sees through that (Spring
	 * Boot's Docker Compose support does the same). Zero, the default, turns it off.
	 * @param window how long an accepted connection must stay open; zero or positive
	 * @return a changed copy
	 * @throws IllegalArgumentException if the window is null or negative
	 */
	public Checker withStrictCheck(Duration window) {
		return new Checker(this.timeout, this.pollInterval, requireNotNegative("strict check window", window),
				this.resolver);
	}

	/**
	 * Asserts that nothing accepts connections on the port, portend's {@code assert_free}. Every
	 * address of the host is tried. Takes at most the timeout, name resolution included; an
	 * interrupt does not cut it short, and the interrupt status is kept.
	 * @param host a host name or IP literal; a bind-all address is checked on loopback
	 * @param port the port, from 1 to 65535
	 * @throws PortNotFreeException if a connection was accepted
	 * @throws UnknownHostException if the host does not resolve within the timeout: as portend
	 * raises the resolver's error, never {@code PortNotFree}, for a host nothing can listen on
	 * @throws IllegalArgumentException if the host is null, empty or malformed, or the port is
	 * out of range
	 */
	public void assertFree(String host, int port) throws PortNotFreeException, UnknownHostException {
		HostPort target = new HostPort(requireHost(host), port);
		boolean interrupted = Thread.interrupted();
		try {
			while (true) {
				try {
					PortStatus status = check(target);
					if (status.occupied()) {
						throw new PortNotFreeException("Port " + port + " is in use on " + host + ".");
					}
					if (!status.resolved()) {
						throw new UnknownHostException("Port " + port + " cannot be checked on " + host + ": "
								+ status.reason() + ".");
					}
					return;
				}
				catch (InterruptedException ex) {
					interrupted = true;
				}
			}
		}
		finally {
			if (interrupted) {
				Thread.currentThread().interrupt();
			}
		}
	}

	/**
	 * Asserts that nothing accepts connections on the address, as {@link #assertFree(String, int)}
	 * does with its host string and port; portend's {@code assert_free(addr)}.
	 * @param address the address, such as a listener's local address
	 * @throws PortNotFreeException if a connection was accepted
	 * @throws UnknownHostException if the host does not resolve within the timeout
	 * @throws IllegalArgumentException if the address is null or its port is 0
	 */
	public void assertFree(InetSocketAddress address) throws PortNotFreeException, UnknownHostException {
		if (address == null) {
			throw new IllegalArgumentException("Address must not be null.");
		}
		assertFree(address.getHostString(), address.getPort());
	}

	/**
	 * Checks a port once: one round of attempts, taking at most the timeout, name resolution
	 * included.
	 * @param target the port to check
	 * @return the outcome
	 * @throws InterruptedException if the thread was interrupted
	 */
	public PortStatus check(HostPort target) throws InterruptedException {
		return check(List.of(target)).get(0);
	}

	/**
	 * Checks several ports once, all at the same time: takes about the timeout, however many
	 * ports there are. A host still being resolved when its timeout is up is reported
	 * unresolved.
	 * @param targets the ports to check
	 * @return the outcome of each, in the order given
	 * @throws InterruptedException if the thread was interrupted
	 */
	public List<PortStatus> check(Collection<HostPort> targets) throws InterruptedException {
		Probe probe = probe(Probe.Goal.ONE_ROUND, targets, null);
		probe.run(Probe.FOREVER);
		return probe.statuses();
	}

	/**
	 * Waits until every port accepts connections, checking all of them at the same time.
	 * @param targets the ports to wait for
	 * @param timeout how long to wait; {@code null} waits forever
	 * @throws PortTimeoutException if a port was not occupied in time; its message names every
	 * such port
	 * @throws InterruptedException if the thread was interrupted
	 * @throws IllegalArgumentException if the timeout is negative
	 */
	public void awaitOccupied(Collection<HostPort> targets, @Nullable Duration timeout)
			throws PortTimeoutException, InterruptedException {
		awaitOccupied(targets, timeout, null);
	}

	/**
	 * Waits until every port accepts connections, checking all of them at the same time, and
	 * reports the outcome of every round as it happens.
	 * @param targets the ports to wait for
	 * @param timeout how long to wait; {@code null} waits forever
	 * @param progress called in the waiting thread after every round of every port, or
	 * {@code null}
	 * @throws PortTimeoutException if a port was not occupied in time; its message names every
	 * such port
	 * @throws InterruptedException if the thread was interrupted
	 * @throws IllegalArgumentException if the timeout is negative
	 */
	public void awaitOccupied(Collection<HostPort> targets, @Nullable Duration timeout,
			@Nullable Consumer<PortStatus> progress)
			throws PortTimeoutException, InterruptedException {
		await(Probe.Goal.OCCUPIED, targets, timeout, progress);
	}

	/**
	 * Waits until no port accepts connections, checking all of them at the same time.
	 * @param targets the ports to wait for
	 * @param timeout how long to wait; {@code null} waits forever
	 * @throws PortTimeoutException if a port was not free in time; its message names every such
	 * port
	 * @throws InterruptedException if the thread was interrupted
	 * @throws IllegalArgumentException if the timeout is negative
	 */
	public void awaitFree(Collection<HostPort> targets, @Nullable Duration timeout)
			throws PortTimeoutException, InterruptedException {
		awaitFree(targets, timeout, null);
	}

	/**
	 * Waits until no port accepts connections, checking all of them at the same time, and
	 * reports the outcome of every round as it happens.
	 * @param targets the ports to wait for
	 * @param timeout how long to wait; {@code null} waits forever
	 * @param progress called in the waiting thread after every round of every port, or
	 * {@code null}
	 * @throws PortTimeoutException if a port was not free in time; its message names every such
	 * port
	 * @throws InterruptedException if the thread was interrupted
	 * @throws IllegalArgumentException if the timeout is negative
	 */
	public void awaitFree(Collection<HostPort> targets, @Nullable Duration timeout,
			@Nullable Consumer<PortStatus> progress)
			throws PortTimeoutException, InterruptedException {
		await(Probe.Goal.FREE, targets, timeout, progress);
	}

	@Override
	public String toString() {
		return "Checker[timeout=" + this.timeout + ", pollInterval=" + this.pollInterval + ", strictWindow="
				+ this.strictWindow + ", resolver=" + this.resolver + "]";
	}

	private void await(Probe.Goal goal, Collection<HostPort> targets, @Nullable Duration timeout,
			@Nullable Consumer<PortStatus> progress)
			throws PortTimeoutException, InterruptedException {
		long nanos = (timeout != null) ? toNanos(requireNotNegative("timeout", timeout)) : Probe.FOREVER;
		Probe probe = probe(goal, targets, progress);
		if (!probe.run(nanos)) {
			throw timeout(goal, probe.pending());
		}
	}

	private Probe probe(Probe.Goal goal, Collection<HostPort> targets, @Nullable Consumer<PortStatus> progress) {
		if (targets == null) {
			throw new IllegalArgumentException("Targets must not be null.");
		}
		for (HostPort target : targets) {
			if (target == null) {
				throw new IllegalArgumentException("Targets must not contain null: " + targets + ".");
			}
		}
		return new Probe(toNanos(this.timeout), toNanos(this.pollInterval), toNanos(this.strictWindow), this.resolver,
				goal, targets, progress);
	}

	private static PortTimeoutException timeout(Probe.Goal goal, List<PortStatus> pending) {
		String state = (goal == Probe.Goal.OCCUPIED) ? "bound" : "free";
		boolean anyConversation = goal == Probe.Goal.OCCUPIED
				&& pending.stream().anyMatch((status) -> status.target().protocol() != Protocol.TCP);
		if (pending.size() == 1 && !anyConversation) {
			PortStatus status = pending.get(0);
			HostPort target = status.target();
			String message = "Port " + target.port() + " not " + state + " on " + target.host() + ".";
			return new PortTimeoutException(status.resolved() ? message : message + " The " + status.reason() + ".",
					pending);
		}
		// portend's own words for plain ports; a protocol's targets are ready, or not.
		StringBuilder message = new StringBuilder(anyConversation ? "Not ready:" : "Ports not " + state + ":");
		for (int i = 0; i < pending.size(); i++) {
			PortStatus status = pending.get(i);
			message.append((i == 0) ? " " : ", ").append(status.target()).append(" (").append(status.reason()).append(')');
		}
		return new PortTimeoutException(message.append('.').toString(), pending);
	}

	static String requireHost(String host) {
		if (host == null || host.isEmpty()) {
			throw new IllegalArgumentException("Host values of '' or null are not allowed.");
		}
		return host;
	}

	private static long toNanos(Duration duration) {
		return (duration.compareTo(Duration.ofNanos(Probe.FOREVER)) >= 0) ? Probe.FOREVER : duration.toNanos();
	}

	private static Duration requirePositive(String name, Duration duration) {
		if (duration == null || duration.isZero() || duration.isNegative()) {
			throw new IllegalArgumentException("Invalid " + name + " " + duration + ": it must be positive.");
		}
		return duration;
	}

	static Duration requireNotNegative(String name, Duration duration) {
		if (duration == null || duration.isNegative()) {
			throw new IllegalArgumentException("Invalid " + name + " " + duration + ": it must not be negative.");
		}
		return duration;
	}

}
