package io.portend.sample.demo;

import java.io.IOException;
import java.time.Duration;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationFailedEvent;
import org.springframework.context.ApplicationListener;

/**
 * A PostgreSQL server on loopback that starts late, in a daemon thread, first as a standby that
 * is open but not ready, then promoted; stopped and deleted when the application fails to start,
 * and when the JVM ends, after the application's context closed (its connection pool first).
 */
class DemoDatabase implements ApplicationListener<ApplicationFailedEvent> {

	private static final Log logger = LogFactory.getLog(DemoDatabase.class);

	/** How long each step may take: unpacking, initdb and start-up, or promotion. */
	private static final Duration STEP_TIMEOUT = Duration.ofSeconds(60);

	private final String host;

	private final int port;

	private final Duration notReadyFor;

	private Thread runner;

	private StandbyPostgres postgres;

	private boolean stopped;

	/**
	 * Creates a demo database.
	 * @param host the loopback address to listen on
	 * @param port the port to listen on
	 * @param notReadyFor how long the server stays a standby before its promotion
	 */
	DemoDatabase(String host, int port, Duration notReadyFor) {
		this.host = host;
		this.port = port;
		this.notReadyFor = notReadyFor;
	}

	synchronized void startAfter(Duration delay) {
		this.runner = new Thread(() -> run(delay), "demo-database");
		this.runner.setDaemon(true);
		this.runner.start();
		// PostgreSQL is a process of its own, it would outlive the JVM. Boot runs these handlers
		// after closing the context, on SIGTERM also while the start-up waits.
		SpringApplication.getShutdownHandlers().add(this::stop);
	}

	private void run(Duration delay) {
		try {
			Thread.sleep(delay.toMillis());
			StandbyPostgres postgres = start();
			if (postgres == null) {
				return;
			}
			postgres.awaitStandby(STEP_TIMEOUT);
			logger.info("Demo database: PostgreSQL is up but not ready (standby, hot_standby=off): it answers every"
					+ " connection with FATAL 57P03 for the next " + this.notReadyFor.toMillis() + " ms");
			Thread.sleep(this.notReadyFor.toMillis());
			logger.info("Demo database: promoting PostgreSQL (pg_ctl promote)");
			postgres.promote(STEP_TIMEOUT);
			logger.info("Demo database: PostgreSQL is ready: promoted, it serves queries on " + address());
		}
		catch (InterruptedException ex) {
			// Stopped.
		}
		catch (IOException | RuntimeException ex) {
			if (!isStopped()) {
				logger.error("Demo database: " + ex.getMessage());
			}
		}
	}

	private synchronized StandbyPostgres start() throws IOException {
		if (this.stopped) {
			return null;
		}
		logger.info("Demo database: starting PostgreSQL on " + address()
				+ " as a standby (initdb, standby.signal, pg_ctl start)");
		this.postgres = StandbyPostgres.start(this.host, this.port, this.notReadyFor.plus(STEP_TIMEOUT));
		return this.postgres;
	}

	private synchronized boolean isStopped() {
		return this.stopped;
	}

	@Override
	public void onApplicationEvent(ApplicationFailedEvent event) {
		stop();
	}

	private synchronized void stop() {
		if (this.stopped) {
			return;
		}
		this.stopped = true;
		if (this.runner != null) {
			this.runner.interrupt();
		}
		if (this.postgres == null) {
			return;
		}
		// A start-up cancelled by SIGTERM fails on an interrupted thread: stop all the same, and
		// keep the interruption for the caller.
		boolean interrupted = Thread.interrupted();
		try {
			this.postgres.stop();
			logger.info("Demo database: PostgreSQL stopped, its data deleted");
		}
		catch (IOException ex) {
			logger.error("Demo database: could not stop PostgreSQL on " + address() + ": " + ex.getMessage());
		}
		catch (InterruptedException ex) {
			interrupted = true;
		}
		finally {
			if (interrupted) {
				Thread.currentThread().interrupt();
			}
		}
	}

	private String address() {
		return this.host + ":" + this.port;
	}

}
