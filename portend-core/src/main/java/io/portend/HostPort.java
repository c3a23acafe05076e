package io.portend;

import java.net.InetSocketAddress;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * A TCP host and port, such as {@code localhost:5432} or {@code [::1]:8080}, and the
 * {@link Protocol} that proves it ready: {@link Protocol#TCP} (a connection accepted, portend's
 * own check) unless the text names another, as in {@code postgresql://db} or
 * {@code http://web:8080/health}. Immutable, with value semantics: two instances are equal when
 * their protocols, host strings, ports and paths are equal (hosts are compared as written, so
 * {@code ::1} and {@code 0:0:0:0:0:0:0:1} differ).
 *
 * <p>A host is a host name, an IPv4 literal or an IPv6 literal (without brackets, optionally with
 * a {@code %zone}). A host name has at most 253 characters of ASCII letters, digits, {@code .},
 * {@code -} and {@code _}. A port is between 1 and 65535: port 0 means "any port" to a server and
 * can never be connected to.
 *
 * <p>Nothing here resolves names: validation is purely textual, so an unknown host is reported
 * when a check runs, not when a {@code HostPort} is made.
 */
public final class HostPort {

	private static final int MAX_HOST_LENGTH = 253;

	private final Protocol protocol;

	private final String host;

	private final int port;

	private final String path;

	/**
	 * Creates a host and port checked over {@link Protocol#TCP}, validating both.
	 * @param host a host name or an IPv4 or IPv6 literal, without brackets
	 * @param port a port between 1 and 65535
	 * @throws IllegalArgumentException if the host is null, empty or malformed, or the port is
	 * out of range; the message names the offending value
	 */
	public HostPort(String host, int port) {
		this(Protocol.TCP, host, port, "");
	}

	private HostPort(Protocol protocol, String host, int port, String path) {
		String problem = hostProblem(host);
		if (problem != null) {
			throw new IllegalArgumentException("Invalid host '" + host + "': " + problem + ".");
		}
		if (port < 1 || port > 65535) {
			throw new IllegalArgumentException("Invalid port " + port + " for host '" + host
					+ "': a port must be between 1 and 65535.");
		}
		this.protocol = protocol;
		this.host = host;
		this.port = port;
		this.path = path;
	}

	/**
	 * Parses {@code host:port}, or {@code [ipv6]:port} for an IPv6 literal, as portend's
	 * {@code HostPort('localhost:32768')} does; or {@code scheme://host[:port][/path]} for a
	 * target checked in a service's protocol. Text without a scheme is taken strictly, with
	 * nothing trimmed and no default port:
	 * <ul>
	 * <li>{@code "localhost:80"}, {@code "127.0.0.1:80"}, {@code "[::1]:80"}, {@code "[fe80::1%eth0]:80"},
	 * {@code "db_1:080"} (leading zeros are ignored) parse;</li>
	 * <li>empty or blank text, {@code "host"}, {@code "host:"} and {@code "[::1]"} lack a port;
	 * {@code ":80"} lacks a host;</li>
	 * <li>{@code "host:0"}, {@code "host:65536"}, {@code "host:-1"}, {@code "host:80x"} and
	 * {@code "host:+80"} have a port that is not a number from 1 to 65535 (only ASCII digits are
	 * accepted);</li>
	 * <li>{@code " host:80 "} and hosts with spaces or a slash contain characters no host has;</li>
	 * <li>{@code "::1:80"} and {@code "host:80:90"} are ambiguous: an IPv6 literal needs brackets;</li>
	 * <li>{@code "[::1"}, {@code "[::1]80"} and {@code "[zz]:80"} are malformed bracketed literals;</li>
	 * <li>a host longer than 253 characters is too long for DNS.</li>
	 * </ul>
	 * With a scheme ({@link Protocol#forScheme(String)}, case ignored), the port may be left out
	 * for the protocol's default ({@code postgresql://db} is {@code db:5432}), except with
	 * {@code tcp://}, which is the same as no scheme. Only {@code http} takes a path, the one it
	 * requests ({@code /} by default).
	 * @param text the text to parse
	 * @return the host and port
	 * @throws IllegalArgumentException naming the text and what is wrong with it
	 */
	public static HostPort parse(String text) {
		if (text == null || text.isBlank()) {
			throw invalid(text, "expected host:port");
		}
		int separator = text.indexOf("://");
		if (separator < 0) {
			return parseAddress(text, text, Protocol.TCP);
		}
		Protocol protocol;
		try {
			protocol = Protocol.forScheme(text.substring(0, separator));
		}
		catch (IllegalArgumentException ex) {
			throw invalid(text, "unknown scheme '" + text.substring(0, separator) + "'; expected one of "
					+ Protocol.schemes());
		}
		String rest = text.substring(separator + 3);
		int slash = rest.indexOf('/', rest.startsWith("[") ? Math.max(rest.indexOf(']'), 0) : 0);
		String address = (slash < 0) ? rest : rest.substring(0, slash);
		HostPort target = parseAddress(text, address, protocol);
		if (slash < 0) {
			return target;
		}
		if (protocol != Protocol.HTTP) {
			throw invalid(text, "a path is only for http targets, not " + protocol.scheme());
		}
		String path = rest.substring(slash);
		String problem = pathProblem(path);
		if (problem != null) {
			throw invalid(text, problem);
		}
		return target.withPath(path);
	}

	/**
	 * Parses the {@code host[:port]} part of a target's text.
	 * @param text the whole text, for messages
	 * @param address the part to parse
	 * @param protocol the protocol, whose default port applies if the port is left out
	 */
	private static HostPort parseAddress(String text, String address, Protocol protocol) {
		String host;
		String port;
		if (address.startsWith("[")) {
			int close = address.indexOf(']');
			if (close < 0) {
				throw invalid(text, "missing ']' after the IPv6 address");
			}
			if (close < address.length() - 1 && address.charAt(close + 1) != ':') {
				throw invalid(text, "expected ':' after ']'");
			}
			host = address.substring(1, close);
			if (host.indexOf(':') < 0) {
				throw invalid(text, "brackets are only for IPv6 addresses");
			}
			port = (close == address.length() - 1) ? null : address.substring(close + 2);
		}
		else {
			int colon = address.lastIndexOf(':');
			host = (colon < 0) ? address : address.substring(0, colon);
			port = (colon < 0) ? null : address.substring(colon + 1);
			if (host.indexOf(':') >= 0) {
				throw invalid(text, "too many ':'; write an IPv6 address in brackets, as in [::1]:80");
			}
		}
		if (port == null && protocol.defaultPort() == 0) {
			throw invalid(text, address.startsWith("[") ? "missing port after ']'" : "missing ':port'");
		}
		if (host.isEmpty()) {
			throw invalid(text, "missing host before ':'");
		}
		String problem = hostProblem(host);
		if (problem != null) {
			throw invalid(text, problem);
		}
		int number = (port != null) ? parsePort(text, port) : protocol.defaultPort();
		return new HostPort(protocol, host, number, (protocol == Protocol.HTTP) ? "/" : "");
	}

	/**
	 * Parses {@code host:port} text, as {@link #parse(String)} does. This is the name under
	 * which frameworks find a type's conversion from text, such as Spring's conversion service
	 * when it binds configuration properties.
	 * @param text the text to parse
	 * @return the host and port
	 * @throws IllegalArgumentException naming the text and what is wrong with it
	 */
	public static HostPort valueOf(String text) {
		return parse(text);
	}

	/**
	 * Returns the address a client connects to for a socket address, as portend's
	 * {@code HostPort.from_addr} does: its host goes through {@link Portend#clientHost(String)},
	 * so a listener bound on {@code 0.0.0.0} gives {@code 127.0.0.1:PORT}, and one bound on
	 * {@code ::} (which Java prints {@code 0:0:0:0:0:0:0:0}) gives {@code [::1]:PORT}. Never
	 * resolves: the host is {@link InetSocketAddress#getHostString()}.
	 * @param address the socket address, for example a listener's local address
	 * @return the host and port to connect to
	 * @throws IllegalArgumentException if the address is null or its port is 0
	 */
	public static HostPort fromAddress(InetSocketAddress address) {
		if (address == null) {
			throw new IllegalArgumentException("Address must not be null.");
		}
		return new HostPort(Hosts.clientHost(address.getHostString()), address.getPort());
	}

	/**
	 * Returns the host: a name or an IP literal, an IPv6 literal without brackets.
	 * @return the host
	 */
	public String host() {
		return this.host;
	}

	/**
	 * Returns the port, between 1 and 65535.
	 * @return the port
	 */
	public int port() {
		return this.port;
	}

	/**
	 * Returns the protocol that proves the port ready.
	 * @return the protocol, {@link Protocol#TCP} unless another was given
	 */
	public Protocol protocol() {
		return this.protocol;
	}

	/**
	 * Returns the path an {@link Protocol#HTTP} check requests.
	 * @return the path, {@code /} by default; empty for every other protocol
	 */
	public String path() {
		return this.path;
	}

	/**
	 * Returns a copy checked over the given protocol; a path is kept only for
	 * {@link Protocol#HTTP}, which requests {@code /} unless given one.
	 * @param protocol the protocol
	 * @return a changed copy
	 * @throws IllegalArgumentException if the protocol is null
	 */
	public HostPort withProtocol(Protocol protocol) {
		if (protocol == null) {
			throw new IllegalArgumentException("Protocol must not be null.");
		}
		String path = (protocol != Protocol.HTTP) ? "" : (this.path.isEmpty() ? "/" : this.path);
		return new HostPort(protocol, this.host, this.port, path);
	}

	/**
	 * Returns a copy that requests the given path, for an {@link Protocol#HTTP} target.
	 * @param path the path, starting with {@code /}, of visible ASCII characters
	 * @return a changed copy
	 * @throws IllegalArgumentException if the target is not http, or the path is malformed; the
	 * message names it
	 */
	public HostPort withPath(String path) {
		if (this.protocol != Protocol.HTTP) {
			throw new IllegalArgumentException("Invalid path '" + path + "' for " + this
					+ ": a path is only for http targets.");
		}
		String problem = pathProblem(path);
		if (problem != null) {
			throw new IllegalArgumentException("Invalid path '" + path + "' for " + this + ": " + problem + ".");
		}
		return new HostPort(this.protocol, this.host, this.port, path);
	}

	@Override
	public boolean equals(@Nullable Object other) {
		if (this == other) {
			return true;
		}
		return other instanceof HostPort that && this.protocol == that.protocol && this.port == that.port
				&& this.host.equals(that.host) && this.path.equals(that.path);
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.protocol, this.host, this.port, this.path);
	}

	/**
	 * Returns {@code host:port}, or {@code [host]:port} for an IPv6 literal, after
	 * {@code scheme://} for any protocol but tcp, and with the path of an http target but
	 * {@code /}: text that {@link #parse(String)} reads back to an equal value.
	 */
	@Override
	public String toString() {
		String address = (this.host.indexOf(':') >= 0) ? "[" + this.host + "]:" + this.port
				: this.host + ":" + this.port;
		if (this.protocol == Protocol.TCP) {
			return address;
		}
		return this.protocol.scheme() + "://" + address + (this.path.equals("/") ? "" : this.path);
	}

	private static int parsePort(String text, String port) {
		if (port.isEmpty()) {
			throw invalid(text, "missing port after ':'");
		}
		for (int i = 0; i < port.length(); i++) {
			char c = port.charAt(i);
			if (c < '0' || c > '9') {
				throw invalid(text, "port '" + port + "' is not a number from 1 to 65535");
			}
		}
		String digits = stripLeadingZeros(port);
		int value = (digits.length() > 5) ? Integer.MAX_VALUE : Integer.parseInt(digits);
		if (value < 1 || value > 65535) {
			throw invalid(text, "port " + port + " is out of range; a port must be between 1 and 65535");
		}
		return value;
	}

	private static String stripLeadingZeros(String digits) {
		int start = 0;
		while (start < digits.length() - 1 && digits.charAt(start) == '0') {
			start++;
		}
		return digits.substring(start);
	}

	/**
	 * Returns what is wrong with a host, or {@code null} when it is well formed.
	 */
	private static @Nullable String hostProblem(String host) {
		if (host == null || host.isEmpty()) {
			return "a host must not be empty";
		}
		if (host.length() > MAX_HOST_LENGTH) {
			return "a host has at most " + MAX_HOST_LENGTH + " characters, this one has " + host.length();
		}
		if (host.indexOf(':') >= 0) {
			return Hosts.isIpv6Literal(host) ? null : "not a valid IPv6 address";
		}
		for (int i = 0; i < host.length(); i++) {
			char c = host.charAt(i);
			if (!Hosts.isNameChar(c)) {
				return "character '" + c + "' is not allowed in a host name";
			}
		}
		return null;
	}

	/**
	 * Returns what is wrong with a path, or {@code null} when it is one an HTTP request line can
	 * carry as it is.
	 */
	private static @Nullable String pathProblem(String path) {
		if (path == null || !path.startsWith("/")) {
			return "a path starts with '/'";
		}
		for (int i = 0; i < path.length(); i++) {
			char c = path.charAt(i);
			if (c <= ' ' || c > '~') {
				return "character '" + c + "' is not allowed in a path; encode it as a URL would";
			}
		}
		return null;
	}

	private static IllegalArgumentException invalid(String text, String problem) {
		String shown = (text == null) ? "null" : "'" + text + "'";
		String what = (text != null && text.contains("://")) ? "target " : "host:port ";
		return new IllegalArgumentException("Invalid " + what + shown + ": " + problem + ".");
	}

}
