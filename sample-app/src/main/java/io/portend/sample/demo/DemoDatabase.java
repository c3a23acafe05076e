package io.portend.sample.demo;

import java.sql.SQLException;
import java.time.Duration;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.h2.tools.Server;

import org.springframework.boot.context.event.ApplicationFailedEvent;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextClosedEvent;

/**
 * An H2 TCP server on loopback that opens late, in a daemon thread, and stops with the
 * application (closed or failed to start).
 */
class DemoDatabase implements ApplicationListener<ApplicationEvent> {

	private static final Log logger = LogFactory.getLog(DemoDatabase.class);

	private final String host;

	private final int port;

	private Thread starter;

	private Server server;

	private boolean stopped;

	DemoDatabase(String host, int port) {
		this.host = host;
		this.port = port;
		// H2 binds its servers to the address in this property, read once when H2 is first used.
		if (System.getProperty("h2.bindAddress") == null) {
			System.setProperty("h2.bindAddress", host);
		}
	}

	synchronized void startAfter(Duration delay) {
		this.starter = new Thread(() -> startAfterDelay(delay), "demo-database");
		this.starter.setDaemon(true);
		this.starter.start();
	}

	private void startAfterDelay(Duration delay) {
		try {
			Thread.sleep(delay.toMillis());
		}
		catch (InterruptedException ex) {
			return;
		}
		start();
	}

	private synchronized void start() {
		if (this.stopped) {
			return;
		}
		// Logged before: the server accepts connections before start() returns.
		logger.info("Demo database: starting the H2 server on " + this.host + ":" + this.port);
		try {
			// -ifNotExists lets the application create its in-memory database over TCP.
			this.server = Server
				.createTcpServer("-tcpPort", Integer.toString(this.port), "-tcpDaemon", "-ifNotExists")
				.start();
		}
		catch (SQLException ex) {
			logger.error("Demo database: H2 server could not listen on " + this.host + ":" + this.port + ": "
					+ ex.getMessage());
		}
	}

	@Override
	public void onApplicationEvent(ApplicationEvent event) {
		if (event instanceof ContextClosedEvent || event instanceof ApplicationFailedEvent) {
			stop();
		}
	}

	private synchronized void stop() {
		if (this.stopped) {
			return;
		}
		this.stopped = true;
		if (this.starter != null) {
			this.starter.interrupt();
		}
		if (this.server != null) {
			this.server.stop();
			logger.info("Demo database: H2 server stopped");
		}
	}

}
