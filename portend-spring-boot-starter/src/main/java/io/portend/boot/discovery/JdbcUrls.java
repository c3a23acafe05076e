package io.portend.boot.discovery;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.portend.HostPort;
import io.portend.Protocol;

/**
 * Reads the server addresses out of JDBC URLs, with each driver's own syntax and default
 * port. URLs of embedded databases (in memory or in files) have no address.
 */
final class JdbcUrls {

	private static final Pattern ORACLE_ADDRESS = Pattern.compile("\\(\\s*ADDRESS\\s*=", Pattern.CASE_INSENSITIVE);

	private static final Pattern ORACLE_HOST = Pattern.compile("\\(\\s*HOST\\s*=\\s*([^)\\s]+)\\s*\\)",
			Pattern.CASE_INSENSITIVE);

	private static final Pattern ORACLE_PORT = Pattern.compile("\\(\\s*PORT\\s*=\\s*([^)\\s]+)\\s*\\)",
			Pattern.CASE_INSENSITIVE);

	private static final Pattern ORACLE_SID_FORM = Pattern.compile("(.*):([0-9]+):([^:/]+)");

	private static final Pattern ORACLE_TNS_ALIAS = Pattern.compile("[A-Za-z0-9_.$-]+");

	private JdbcUrls() {
	}

	/**
	 * Returns the addresses a JDBC URL connects to, none for an embedded database.
	 * @param url the JDBC URL
	 * @throws UndiscoverableException if the URL is not understood
	 */
	static List<HostPort> addresses(String url) {
		if (!url.regionMatches(true, 0, "jdbc:", 0, 5)) {
			throw new UndiscoverableException("a JDBC URL starts with 'jdbc:'");
		}
		String rest = url.substring(5);
		int colon = rest.indexOf(':');
		if (colon < 0) {
			throw new UndiscoverableException("a JDBC URL names its driver, as in 'jdbc:postgresql:'");
		}
		String driver = rest.substring(0, colon).toLowerCase(Locale.ROOT);
		String tail = rest.substring(colon + 1);
		return switch (driver) {
			// Wrappers that log or trace the calls of the driver named after them
			case "p6spy", "log4jdbc", "otel" -> addresses("jdbc:" + tail);
			// Testcontainers starts a container of its own on the first connection
			case "tc" -> List.of();
			case "sqlite", "duckdb" -> List.of();
			case "postgresql" -> speaking(Protocol.POSTGRESQL, postgresql(tail));
			case "mysql", "mariadb" -> speaking(Protocol.MYSQL, mysql(driver, tail, 3306));
			case "mysqlx" -> mysql(driver, tail, 33060);
			case "mysql+srv", "mysqlx+srv" -> throw new UndiscoverableException(
					"'jdbc:" + driver + ":' finds its hosts through DNS SRV records at connection time");
			case "sqlserver" -> sqlServer(tail);
			case "oracle" -> oracle(tail);
			case "h2" -> server(tail, Map.of("tcp://", 9092, "ssl://", 9092));
			case "hsqldb" -> server(tail, Map.of("hsql://", 9001, "hsqls://", 554, "http://", 80, "https://", 443));
			case "derby" -> server(tail, Map.of("//", 1527));
			case "db2" -> db2(tail);
			default -> other(driver, tail);
		};
	}

	/**
	 * Returns the addresses, to be checked in the protocol of the URL's driver.
	 */
	static List<HostPort> speaking(Protocol protocol, List<HostPort> addresses) {
		return addresses.stream().map((address) -> address.withProtocol(protocol)).toList();
	}

	/**
	 * pgjdbc: {@code jdbc:postgresql:db}, {@code jdbc:postgresql:/} (both localhost), or
	 * {@code jdbc:postgresql://host1[:port1],host2[:port2]/db}.
	 */
	private static List<HostPort> postgresql(String tail) {
		if (!tail.startsWith("//")) {
			return List.of(Addresses.of("localhost", 5432));
		}
		List<HostPort> addresses = new ArrayList<>();
		for (String host : Addresses.split(Addresses.authority(tail.substring(2)), ',')) {
			addresses.add(Addresses.hostPort(localhostIfEmpty(host.trim()), 5432));
		}
		return addresses;
	}

	/**
	 * Connector/J and MariaDB Connector/J: an optional mode ({@code loadbalance:},
	 * {@code replication:}, {@code sequential:}…), then {@code //} and hosts written as
	 * {@code host[:port]}, {@code [ipv6][:port]}, {@code address=(host=h)(port=p)},
	 * {@code (host=h,port=p)} or bracketed sublists {@code [h1:p1,h2:p2]}.
	 */
	private static List<HostPort> mysql(String driver, String tail, int defaultPort) {
		int slashes = tail.indexOf("//");
		if (slashes < 0 || !tail.substring(0, slashes).matches("([A-Za-z-]+:)*")) {
			throw new UndiscoverableException("'jdbc:" + driver + ":' is not followed by '//' and the hosts");
		}
		List<HostPort> addresses = new ArrayList<>();
		addMysqlHosts(Addresses.authority(tail.substring(slashes + 2)), defaultPort, addresses);
		return addresses;
	}

	private static void addMysqlHosts(String hosts, int defaultPort, List<HostPort> addresses) {
		for (String spec : Addresses.split(hosts, ',')) {
			String host = spec.trim();
			if (host.startsWith("[") && host.endsWith("]") && host.contains(",")) {
				addMysqlHosts(host.substring(1, host.length() - 1), defaultPort, addresses);
			}
			else if (host.regionMatches(true, 0, "address=", 0, 8)) {
				addresses.add(keyValueHost(host.substring(8).replace(")(", ","), defaultPort));
			}
			else if (host.startsWith("(")) {
				addresses.add(keyValueHost(host, defaultPort));
			}
			else {
				addresses.add(Addresses.hostPort(localhostIfEmpty(host), defaultPort));
			}
		}
	}

	/**
	 * Reads {@code (host=h,port=p,key=value)}.
	 */
	private static HostPort keyValueHost(String spec, int defaultPort) {
		if (!spec.startsWith("(") || !spec.endsWith(")")) {
			throw new UndiscoverableException("a host written as key=value pairs is not in parentheses");
		}
		Map<String, String> values = keyValues(spec.substring(1, spec.length() - 1), ',');
		String host = values.getOrDefault("host", "localhost");
		String port = values.get("port");
		return Addresses.of(Addresses.stripBrackets(host), (port != null) ? Addresses.port(port) : defaultPort);
	}

	/**
	 * Microsoft's driver: {@code jdbc:sqlserver://[host[\instance][:port]][;key=value]*}, where
	 * the {@code serverName}, {@code instanceName} and {@code portNumber} properties override the
	 * prefix. A named instance without a port is found through the SQL Server Browser service,
	 * so its port is only known at connection time.
	 */
	private static List<HostPort> sqlServer(String tail) {
		if (!tail.startsWith("//")) {
			throw new UndiscoverableException("'jdbc:sqlserver:' is not followed by '//'");
		}
		List<String> parts = Addresses.split(tail.substring(2), ';');
		String server = parts.get(0).trim();
		String port = null;
		int colon = server.lastIndexOf(':');
		if (colon > server.lastIndexOf(']')) {
			port = server.substring(colon + 1);
			server = server.substring(0, colon);
		}
		Map<String, String> properties = keyValues(String.join(";", parts.subList(1, parts.size())), ';');
		server = firstNonNull(properties.get("servername"), properties.get("server"), server);
		port = firstNonNull(properties.get("portnumber"), properties.get("port"), port);
		String instance = properties.get("instancename");
		int backslash = server.indexOf('\\');
		if (backslash >= 0) {
			instance = (instance != null) ? instance : server.substring(backslash + 1);
			server = server.substring(0, backslash);
		}
		String host = localhostIfEmpty(Addresses.stripBrackets(server.trim()));
		if (port != null && !port.isBlank()) {
			return List.of(Addresses.of(host, Addresses.port(port)));
		}
		if (instance != null && !instance.isBlank()) {
			throw new UndiscoverableException("a named SQL Server instance without a port is found through the "
					+ "SQL Server Browser service at connection time; add the port to the URL");
		}
		return List.of(Addresses.of(host, 1433));
	}

	/**
	 * Oracle: {@code jdbc:oracle:thin:[user/password]@} then a TNS descriptor
	 * {@code (DESCRIPTION=(ADDRESS=(HOST=h)(PORT=p))…)}, the old {@code host:port:sid} form or
	 * Easy Connect {@code [tcp[s]:][//]host[:port][,host2[:port2]][/service]}. A bare name is a
	 * TNS alias, looked up in tnsnames.ora at connection time.
	 */
	private static List<HostPort> oracle(String tail) {
		int at = indexOfUnquoted(tail, '@');
		if (at < 0) {
			throw new UndiscoverableException("an Oracle URL has no '@' before the database address");
		}
		String address = tail.substring(at + 1).trim();
		if (address.startsWith("(")) {
			return oracleDescriptor(address);
		}
		String lower = address.toLowerCase(Locale.ROOT);
		if (lower.startsWith("ldap://") || lower.startsWith("ldaps://")) {
			throw new UndiscoverableException("an Oracle URL names an LDAP directory entry, resolved at connection time");
		}
		boolean easyConnect = false;
		for (String prefix : new String[] { "tcp://", "tcps://", "//" }) {
			if (lower.startsWith(prefix)) {
				address = address.substring(prefix.length());
				easyConnect = true;
				break;
			}
		}
		int parameters = address.indexOf('?');
		String name = (parameters >= 0) ? address.substring(0, parameters) : address;
		if (!easyConnect && ORACLE_TNS_ALIAS.matcher(name).matches()) {
			throw new UndiscoverableException("an Oracle URL names a TNS alias, resolved through tnsnames.ora at "
					+ "connection time; use a descriptor or host:port in the URL");
		}
		Matcher sid = ORACLE_SID_FORM.matcher(address);
		if (!easyConnect && sid.matches()) {
			return List.of(Addresses.hostPort(sid.group(1) + ":" + sid.group(2), 0));
		}
		return oracleEasyConnect(Addresses.authority(address));
	}

	/**
	 * Easy Connect Plus lists hosts separated by {@code ,} (and address lists by {@code ;}); a
	 * host without a port takes the port of the next host that has one, as in
	 * {@code host1,host2:1522}, or 1521.
	 */
	private static List<HostPort> oracleEasyConnect(String hosts) {
		List<String> specs = new ArrayList<>();
		for (String list : Addresses.split(hosts, ';')) {
			specs.addAll(Addresses.split(list, ','));
		}
		HostPort[] addresses = new HostPort[specs.size()];
		int nextPort = 1521;
		for (int i = specs.size() - 1; i >= 0; i--) {
			addresses[i] = Addresses.hostPort(specs.get(i).trim(), nextPort);
			nextPort = hasPort(specs.get(i).trim()) ? addresses[i].port() : nextPort;
		}
		return List.of(addresses);
	}

	private static List<HostPort> oracleDescriptor(String descriptor) {
		List<HostPort> addresses = new ArrayList<>();
		Matcher address = ORACLE_ADDRESS.matcher(descriptor);
		while (address.find()) {
			String block = balanced(descriptor, address.start());
			Matcher host = ORACLE_HOST.matcher(block);
			if (!host.find()) {
				throw new UndiscoverableException("an (ADDRESS=…) of the Oracle descriptor has no (HOST=…)");
			}
			Matcher port = ORACLE_PORT.matcher(block);
			addresses.add(Addresses.of(Addresses.stripBrackets(host.group(1)), port.find() ? Addresses.port(port.group(1)) : 1521));
		}
		if (addresses.isEmpty()) {
			throw new UndiscoverableException("the Oracle descriptor has no (ADDRESS=(HOST=…)(PORT=…))");
		}
		return addresses;
	}

	/**
	 * IBM's driver: {@code jdbc:db2://host[:port]/db}, 446 by default; {@code jdbc:db2:db} is a
	 * database catalogued on the client, whose address only DB2 knows.
	 */
	private static List<HostPort> db2(String tail) {
		if (!tail.startsWith("//")) {
			throw new UndiscoverableException("'jdbc:db2:' without '//' names a database catalogued on this machine");
		}
		return Addresses.hostList(Addresses.authority(tail.substring(2)), 446);
	}

	/**
	 * Databases that run either embedded or as a server: the prefixes of their server URLs,
	 * with their default ports; any other URL is embedded.
	 */
	private static List<HostPort> server(String tail, Map<String, Integer> defaultPorts) {
		String lower = tail.toLowerCase(Locale.ROOT);
		for (Map.Entry<String, Integer> prefix : defaultPorts.entrySet()) {
			if (lower.startsWith(prefix.getKey())) {
				return Addresses.hostList(Addresses.authority(tail.substring(prefix.getKey().length())),
						prefix.getValue());
			}
		}
		return List.of();
	}

	/**
	 * A driver portend does not know: {@code jdbc:driver[:mode]*://host:port…} works when every
	 * host has its port.
	 */
	private static List<HostPort> other(String driver, String tail) {
		int slashes = tail.indexOf("//");
		if (slashes < 0 || !tail.substring(0, slashes).matches("([A-Za-z0-9+.-]+:)*")) {
			throw new UndiscoverableException("portend does not know where 'jdbc:" + Addresses.label(driver)
					+ ":' URLs connect to");
		}
		try {
			return Addresses.hostList(Addresses.authority(tail.substring(slashes + 2)), 0);
		}
		catch (UndiscoverableException ex) {
			throw new UndiscoverableException(ex.reason() + " (portend knows no default port for 'jdbc:"
					+ Addresses.label(driver) + ":')");
		}
	}

	private static boolean hasPort(String spec) {
		int colon = spec.lastIndexOf(':');
		return colon > spec.lastIndexOf(']') && colon < spec.length() - 1;
	}

	/**
	 * Reads {@code key=value} pairs, keys in lower case; later pairs win, as in the drivers.
	 * Values may be in braces, which may hold the separator.
	 */
	private static Map<String, String> keyValues(String text, char separator) {
		Map<String, String> values = new TreeMap<>();
		for (String pair : Addresses.split(text, separator)) {
			int equals = pair.indexOf('=');
			if (equals > 0) {
				String value = pair.substring(equals + 1).trim();
				if (value.startsWith("{") && value.endsWith("}")) {
					value = value.substring(1, value.length() - 1);
				}
				values.put(pair.substring(0, equals).trim().toLowerCase(Locale.ROOT), value);
			}
		}
		return values;
	}

	/**
	 * Returns the parenthesised block that starts at {@code start}.
	 */
	private static String balanced(String text, int start) {
		int depth = 0;
		for (int i = start; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c == '(') {
				depth++;
			}
			else if (c == ')' && --depth == 0) {
				return text.substring(start, i + 1);
			}
		}
		throw new UndiscoverableException("the Oracle descriptor has unbalanced parentheses");
	}

	private static int indexOfUnquoted(String text, char wanted) {
		boolean quoted = false;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c == '"') {
				quoted = !quoted;
			}
			else if (c == wanted && !quoted) {
				return i;
			}
		}
		return -1;
	}

	private static String localhostIfEmpty(String host) {
		return (host.isEmpty() || host.startsWith(":")) ? "localhost" + host : host;
	}

	@SafeVarargs
	private static <T> T firstNonNull(T... values) {
		for (T value : values) {
			if (value != null) {
				return value;
			}
		}
		return null;
	}

}
