package io.portend;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;

import io.portend.servers.Listener;
import io.portend.servers.Listeners;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * Python portend's own test suite and the examples of its documentation, on real sockets. The
 * suite runs against each address a passive {@code getaddrinfo} yields (the bind-all addresses
 * {@code 0.0.0.0} and {@code ::}, checked through their loopback) and against both loopbacks.
 */
class PortendTests {

	@AutoClose
	final Listeners listeners = new Listeners();

	// portend's test_portend.py, for each address family.

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "0.0.0.0", "::", "127.0.0.1", "::1" })
	void assertFreeOnListeningAddressFails(String host) {
		Listener listener = listen(host);
		InetSocketAddress address = listener.address();
		assertThatExceptionOfType(PortNotFreeException.class).isThrownBy(() -> new Checker().assertFree(address))
			.withMessage("Port %d is in use on %s.", address.getPort(), address.getHostString());
		assertThatExceptionOfType(PortNotFreeException.class)
			.isThrownBy(() -> new Checker().assertFree(host, address.getPort()))
			.withMessage("Port %d is in use on %s.", address.getPort(), host);
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "0.0.0.0", "::", "127.0.0.1", "::1" })
	void assertFreeOnNonListeningAddressPasses(String host) {
		Ipv6Loopback.assumeAvailableFor(host);
		InetSocketAddress address = new InetSocketAddress(Listeners.literal(host), this.listeners.refusedPort());
		assertThatNoException().isThrownBy(() -> new Checker().assertFree(address));
		assertThatNoException().isThrownBy(() -> new Checker().assertFree(host, address.getPort()));
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "0.0.0.0", "::", "127.0.0.1", "::1" })
	void freeWithImmediateTimeoutOnNonListeningAddressReturns(String host) {
		Ipv6Loopback.assumeAvailableFor(host);
		int port = this.listeners.refusedPort();
		assertThatNoException().isThrownBy(() -> Portend.free(host, port, 0.0));
		assertThatNoException().isThrownBy(() -> Portend.free(host, port, Duration.ZERO));
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "0.0.0.0", "::", "127.0.0.1", "::1" })
	void freeOnListeningAddressTimesOut(String host) {
		int port = listen(host).port();
		assertThatExceptionOfType(PortTimeoutException.class).isThrownBy(() -> Portend.free(host, port, 0.1))
			.withMessage("Port %d not free on %s.", port, host);
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "0.0.0.0", "::", "127.0.0.1", "::1" })
	void occupiedWithImmediateTimeoutOnListeningAddressReturns(String host) {
		int port = listen(host).port();
		assertThatNoException().isThrownBy(() -> Portend.occupied(host, port, 0.0));
		assertThatNoException().isThrownBy(() -> Portend.occupied(host, port, Duration.ZERO));
	}

	// The examples of portend's documentation.

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "localhost", "127.0.0.1", "::1", "::" })
	void assertFreeOnAvailableLocalPort(String host) {
		Ipv6Loopback.assumeAvailableFor(host);
		int port = this.listeners.refusedPort();
		assertThatNoException().isThrownBy(() -> new Checker().assertFree(host, port));
	}

	@Test
	void assertFreeAcceptsAnAddress() {
		Ipv6Loopback.assumeAvailableFor("::1");
		InetSocketAddress address = new InetSocketAddress(Listeners.IPV6_LOOPBACK, this.listeners.refusedPort());
		assertThatNoException().isThrownBy(() -> new Checker().assertFree(address));
	}

	@Test
	void hostPortOfNameAndPort() {
		HostPort hostPort = HostPort.parse("localhost:32768");
		assertThat(hostPort.host()).isEqualTo("localhost");
		assertThat(hostPort.port()).isEqualTo(32768);
		assertThat(hostPort).hasToString("localhost:32768");
		assertThat(hostPort.toString()).hasSize(15);
	}

	@Test
	void hostPortOfBracketedIpv6() {
		HostPort hostPort = HostPort.parse("[::1]:32768");
		assertThat(hostPort.host()).isEqualTo("::1");
		assertThat(hostPort.port()).isEqualTo(32768);
		assertThat(hostPort).hasToString("[::1]:32768");
	}

	@Test
	void hostPortFromListenerAddress() {
		Listener listener = this.listeners.accepting(Listeners.IPV4_LOOPBACK);
		assertThat(HostPort.fromAddress(listener.address())).isEqualTo(new HostPort("127.0.0.1", listener.port()));
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "192.168.0.1", "localhost", "127.0.0.1", "::1", "::ffff:0.0.0.0", "fe80::1%lo" })
	void clientHostKeepsAnAddressThatIsNotBindAll(String serverHost) {
		assertThat(Portend.clientHost(serverHost)).isEqualTo(serverHost);
	}

	@Test
	void clientHostOfIpv4BindAllIsIpv4Loopback() {
		assertThat(Portend.clientHost("0.0.0.0")).isEqualTo("127.0.0.1");
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "::", "::0", "::0.0.0.0", "0:0:0:0:0:0:0:0", "0::0", "0000:0000::0000", "0:0:0:0:0:0:0.0.0.0",
			"::%lo", "0:0:0:0:0:0:0:0%0" })
	void clientHostOfIpv6BindAllInEverySpellingIsIpv6Loopback(String serverHost) {
		assertThat(Portend.clientHost(serverHost)).isEqualTo("::1");
	}

	@Test
	void clientHostOfServerSocketBoundOnIpv6BindAll() {
		Listener listener = listen("::");
		String host = listener.address().getHostString();
		assertThat(host).isEqualTo("0:0:0:0:0:0:0:0");
		assertThat(Portend.clientHost(host)).isEqualTo("::1");
	}

	@Test
	void findAvailableLocalPortFindsAPortNothingListensOn() throws Exception {
		int port = Portend.findAvailableLocalPort();
		assertThat(port).isStrictlyBetween(0, 65536);
		new Checker().assertFree("127.0.0.1", port);
	}

	@Test
	void freeOnAvailableLocalPortReturns() throws Exception {
		Portend.free("localhost", Portend.findAvailableLocalPort());
	}

	@Test
	void occupiedOnAvailableLocalPortTimesOut() {
		int port = Portend.findAvailableLocalPort();
		assertThatExceptionOfType(PortTimeoutException.class).isThrownBy(() -> Portend.occupied("localhost", port, .1))
			.withMessage("Port %d not bound on localhost.", port);
	}

	@ParameterizedTest(name = "\"{0}\"")
	@NullAndEmptySource
	@SuppressWarnings("deprecation")
	void nullOrEmptyHostIsRejected(String host) {
		String message = "Host values of '' or null are not allowed.";
		assertThatIllegalArgumentException().isThrownBy(() -> Portend.free(host, 80)).withMessage(message);
		assertThatIllegalArgumentException().isThrownBy(() -> Portend.free(host, 80, 1.0)).withMessage(message);
		assertThatIllegalArgumentException().isThrownBy(() -> Portend.occupied(host, 80)).withMessage(message);
		assertThatIllegalArgumentException().isThrownBy(() -> Portend.occupied(host, 80, Duration.ofSeconds(1)))
			.withMessage(message);
		assertThatIllegalArgumentException().isThrownBy(() -> Portend.waitForFreePort(host, 80)).withMessage(message);
		assertThatIllegalArgumentException().isThrownBy(() -> Portend.waitForOccupiedPort(host, 80))
			.withMessage(message);
		assertThatIllegalArgumentException().isThrownBy(() -> new Checker().assertFree(host, 80)).withMessage(message);
	}

	// Timeouts as Portend takes them.

	@Test
	void negativeDurationTimeoutIsRejected() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> Portend.occupied("127.0.0.1", 80, Duration.ofMillis(-1500)))
			.withMessage("Invalid timeout PT-1.5S: it must not be negative.");
		assertThatIllegalArgumentException().isThrownBy(() -> Portend.free("127.0.0.1", 80, Duration.ofSeconds(-1)))
			.withMessage("Invalid timeout PT-1S: it must not be negative.");
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(doubles = { Double.NaN, -1.5, Double.NEGATIVE_INFINITY, -Double.MIN_VALUE })
	void invalidTimeoutInSecondsIsRejected(double seconds) {
		String message = "Invalid timeout " + seconds + ": it must be a number of seconds, 0 or more.";
		assertThatIllegalArgumentException().isThrownBy(() -> Portend.occupied("127.0.0.1", 80, seconds))
			.withMessage(message);
		assertThatIllegalArgumentException().isThrownBy(() -> Portend.free("127.0.0.1", 80, seconds))
			.withMessage(message);
	}

	@Test
	void infiniteTimeoutWaitsUntilDone() throws Exception {
		Listener listener = this.listeners.accepting(Listeners.IPV4_LOOPBACK);
		Portend.occupied("127.0.0.1", listener.port(), Double.POSITIVE_INFINITY);
		Portend.occupied("127.0.0.1", listener.port(), Duration.ofSeconds(Long.MAX_VALUE));
		Portend.free("127.0.0.1", this.listeners.refusedPort(), Double.POSITIVE_INFINITY);
	}

	@Test
	void multiTargetWaits() throws Exception {
		Listener listener = this.listeners.accepting(Listeners.IPV4_LOOPBACK);
		Portend.occupied(List.of(listener.target()), Duration.ofSeconds(5));
		HostPort refused = new HostPort("127.0.0.1", this.listeners.refusedPort());
		Portend.free(List.of(refused), Duration.ofSeconds(5));
		assertThatExceptionOfType(PortTimeoutException.class)
			.isThrownBy(() -> Portend.free(List.of(listener.target(), refused), Duration.ofMillis(100)))
			.withMessage("Port %d not free on 127.0.0.1.", listener.port());
	}

	private Listener listen(String host) {
		Ipv6Loopback.assumeAvailableFor(host);
		InetAddress address = Listeners.literal(host);
		return this.listeners.accepting(address);
	}

}
