package io.portend.boot.discovery;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.portend.HostPort;
import io.portend.Protocol;

/**
 * Reads the server addresses out of R2DBC URLs:
 * {@code r2dbc[s]:[pool:|proxy:]driver[:protocol]://[user:password@]host[:port][,host2…][/db][?options]}.
 * H2 in memory or in files has no address.
 */
final class R2dbcUrls {

	private static final Map<String, Integer> DEFAULT_PORTS = Map.of("postgresql", 5432, "postgres", 5432, "mysql",
			3306, "mariadb", 3306, "mssql", 1433, "sqlserver", 1433, "oracle", 1521, "h2", 9092);

	private R2dbcUrls() {
	}

	/**
	 * Returns the addresses an R2DBC URL connects to, none for an embedded database.
	 * @param url the R2DBC URL
	 * @throws UndiscoverableException if the URL is not understood
	 */
	static List<HostPort> addresses(String url) {
		int slashes = url.indexOf("//");
		String[] scheme = url.substring(0, (slashes >= 0) ? slashes : url.length()).toLowerCase(Locale.ROOT).split(":");
		if (!scheme[0].equals("r2dbc") && !scheme[0].equals("r2dbcs")) {
			throw new UndiscoverableException("an R2DBC URL starts with 'r2dbc:' or 'r2dbcs:'");
		}
		int driverIndex = (scheme.length > 2 && (scheme[1].equals("pool") || scheme[1].equals("proxy"))) ? 2 : 1;
		if (scheme.length <= driverIndex) {
			throw new UndiscoverableException("an R2DBC URL names its driver, as in 'r2dbc:postgresql://'");
		}
		String driver = scheme[driverIndex];
		if (driver.equals("h2")) {
			String protocol = (scheme.length > driverIndex + 1) ? scheme[driverIndex + 1] : "";
			if (!protocol.equals("tcp") && !protocol.equals("ssl")) {
				return List.of();
			}
		}
		if (slashes < 1 || url.charAt(slashes - 1) != ':') {
			throw new UndiscoverableException("an R2DBC URL has '://' before its hosts");
		}
		String authority = Addresses.authority(url.substring(slashes + 2));
		if (authority.isEmpty()) {
			throw new UndiscoverableException("the R2DBC URL has no host");
		}
		try {
			List<HostPort> addresses = Addresses.hostList(authority, DEFAULT_PORTS.getOrDefault(driver, 0));
			return switch (driver) {
				case "postgresql", "postgres" -> JdbcUrls.speaking(Protocol.POSTGRESQL, addresses);
				case "mysql", "mariadb" -> JdbcUrls.speaking(Protocol.MYSQL, addresses);
				default -> addresses;
			};
		}
		catch (UndiscoverableException ex) {
			throw DEFAULT_PORTS.containsKey(driver) ? ex : new UndiscoverableException(
					ex.reason() + " (portend knows no default port for 'r2dbc:" + Addresses.label(driver) + ":')");
		}
	}

}
