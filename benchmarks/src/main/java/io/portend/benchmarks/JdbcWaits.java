package io.portend.benchmarks;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeoutException;

import javax.sql.DataSource;

import org.postgresql.Driver;

import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.springframework.jdbc.support.DatabaseStartupValidator;

/**
 * What B9 compares portend with: waits for a database through its JDBC driver, and the query
 * that proves a database takes queries.
 */
final class JdbcWaits {

	/** Within a JDBC call's own timeout, in seconds, as {@link Connection#isValid(int)} takes it. */
	private static final int VALID_TIMEOUT_SECONDS = 1;

	private final DataSource dataSource;

	JdbcWaits(String url, String user, String password) {
		this.dataSource = new SimpleDriverDataSource(new Driver(), url, user, password);
	}

	/**
	 * Waits as Spring's {@link DatabaseStartupValidator} does at its defaults (a connection and
	 * {@link Connection#isValid(int)} every second, for at most 60 s).
	 */
	void startupValidator() {
		DatabaseStartupValidator validator = new DatabaseStartupValidator();
		validator.setDataSource(this.dataSource);
		validator.afterPropertiesSet();
	}

	/**
	 * Opens a connection and asks {@link Connection#isValid(int)}, until it is valid: after each
	 * failure, pauses for the interval.
	 * @param failures where to add {@link System#nanoTime()} at each failed attempt
	 * @throws TimeoutException if not valid within the timeout
	 */
	void isValidLoop(Duration interval, Duration timeout, List<Long> failures)
			throws InterruptedException, TimeoutException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() - deadline < 0) {
			try (Connection connection = this.dataSource.getConnection()) {
				if (connection.isValid(VALID_TIMEOUT_SECONDS)) {
					return;
				}
			}
			catch (SQLException ex) {
				// Not yet: 57P03 while a standby.
			}
			failures.add(System.nanoTime());
			Thread.sleep(interval.toMillis());
		}
		throw new TimeoutException("No valid connection within " + timeout);
	}

	/**
	 * Runs {@code select 1} on a new connection.
	 * @return {@code null} if it answered 1, otherwise what went wrong
	 */
	String selectOne() {
		try (Connection connection = this.dataSource.getConnection();
				Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery("select 1")) {
			return (result.next() && result.getInt(1) == 1) ? null : "select 1 did not answer 1";
		}
		catch (SQLException ex) {
			return ex.getSQLState() + " " + ex.getMessage();
		}
	}

}
