package io.portend.boot.autoconfigure;

import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.List;

import org.springframework.boot.autoconfigure.preinitialize.BackgroundPreinitializer;

/**
 * Loads the JDK's socket classes and the classes that creating portend's beans and its first
 * checks need on Spring Boot's background pre-initialization thread, while the application
 * context is being prepared. On the main thread of a cold start, the first use of the socket
 * classes costs some 50 ms (a class path scan for a selector provider among them), and loading
 * and verifying portend's own classes from their jars some 10 ms more. Nothing connects
 * anywhere.
 */
final class PortendBackgroundPreinitializer implements BackgroundPreinitializer {

	/**
	 * The classes that creating portend's beans and the first round of checks load. The health
	 * and metrics classes are skipped when their libraries are not on the class path.
	 */
	static final List<String> START_PATH_CLASSES = List.of("io.portend.HostPort", "io.portend.HostResolver",
			"io.portend.SystemHostResolver", "io.portend.Hosts", "io.portend.Checker", "io.portend.PortStatus",
			"io.portend.PortTimeoutException", "io.portend.Probe", "io.portend.Probe$Goal", "io.portend.Probe$Port",
			"io.portend.Probe$Attempt", "io.portend.boot.PortState", "io.portend.boot.PortTarget",
			"io.portend.boot.TargetStatus", "io.portend.boot.PortWatcher", "io.portend.boot.PortWatcher$Wait",
			"io.portend.boot.autoconfigure.PortendProperties",
			"io.portend.boot.autoconfigure.PortendProperties$Target",
			"io.portend.boot.autoconfigure.PortendProperties$Monitor",
			"io.portend.boot.autoconfigure.PortendProperties$Readiness",
			"io.portend.boot.autoconfigure.PortendAutoConfiguration",
			"io.portend.boot.autoconfigure.PortendStartupAutoConfiguration",
			"io.portend.boot.autoconfigure.DependsOnPortendStartupBarrierPostProcessor",
			"io.portend.boot.autoconfigure.PortendStartupWait",
			"io.portend.boot.autoconfigure.PortendStartupWait$Progress",
			"io.portend.boot.autoconfigure.PortendStartupBarrier",
			"io.portend.boot.autoconfigure.health.PortendHealthContributorAutoConfiguration",
			"io.portend.boot.health.PortendHealthIndicator",
			"io.portend.boot.autoconfigure.metrics.PortendMetricsAutoConfiguration",
			"io.portend.boot.metrics.PortendMetrics");

	@Override
	public void preinitialize() throws Exception {
		SocketChannel.open().close();
		Selector.open().close();
		preload(getClass().getClassLoader());
	}

	static void preload(ClassLoader classLoader) {
		for (String name : START_PATH_CLASSES) {
			try {
				Class.forName(name, true, classLoader);
			}
			catch (ClassNotFoundException | LinkageError ex) {
				// Health or metrics without their libraries: never used then either.
			}
		}
	}

}
