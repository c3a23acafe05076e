package io.portend.boot.autoconfigure;

import java.lang.reflect.Method;
import java.net.UnknownHostException;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

import io.portend.Checker;
import io.portend.HostPort;
import io.portend.boot.PortTarget;
import io.portend.boot.PortWatcher;

import org.springframework.boot.autoconfigure.preinitialize.BackgroundPreinitializer;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * Prepares the JVM, on Spring Boot's background pre-initialization thread and while the
 * application context is being prepared, for what creating portend's beans and its first checks
 * do on the main thread: loads the JDK's socket classes and portend's own, reads the
 * annotations and members of portend's classes, binds sample {@code portend.*} properties, and
 * waits for a target whose host never resolves. On the main thread of a cold start, the first
 * use of the socket classes costs some 50 ms (a class path scan for a selector provider among
 * them), loading and verifying portend's classes from their jars some 10 ms more, the first
 * reading of their annotations and the first binding of portend's properties some 10 ms more
 * again, and starting the first wait a few more. Nothing resolves or connects anywhere, and
 * nothing reads the application's environment.
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

	/**
	 * Properties in the shapes applications set them, for a dry run of binding portend's
	 * properties: a target given as {@code host:port} and one with nested properties.
	 */
	private static final Map<String, String> SAMPLE_PROPERTIES = Map.of("portend.wait-for.database",
			"localhost:5432", "portend.wait-for.cache.address", "localhost:6379", "portend.wait-for.cache.timeout",
			"10s", "portend.wait-for.cache.required", "false", "portend.timeout", "1m");

	@Override
	public void preinitialize() throws Exception {
		SocketChannel.open().close();
		Selector.open().close();
		preload(getClass().getClassLoader());
		bindSampleProperties();
		waitForUnresolvableTarget();
	}

	static void preload(ClassLoader classLoader) {
		for (String name : START_PATH_CLASSES) {
			try {
				readDeclarations(Class.forName(name, true, classLoader));
			}
			catch (ClassNotFoundException | LinkageError ex) {
				// Health or metrics without their libraries: never used then either.
			}
		}
	}

	/**
	 * Binds sample properties with a binder of its own, so that the JVM has loaded and run
	 * what binding the application's {@code portend.*} properties takes.
	 * @return the bound properties
	 */
	static PortendProperties bindSampleProperties() {
		// With a property editor initializer, as the context's binder has: conversions then ask
		// for property editors first, as they do when the application's properties are bound.
		return new Binder(List.of(new MapConfigurationPropertySource(SAMPLE_PROPERTIES)), null, null, (editors) -> {
		}).bindOrCreate("portend", PortendProperties.class);
	}

	/**
	 * Waits, as the start-up wait does, for a target whose host never resolves, without time to
	 * wait, so that the JVM has loaded and linked what starting the first wait takes: the
	 * watcher's threads, futures and lambdas. Nothing resolves or connects.
	 * @return how the wait failed
	 * @throws InterruptedException if interrupted while waiting
	 */
	static Throwable waitForUnresolvableTarget() throws InterruptedException {
		Checker checker = new Checker().withResolver((host) -> {
			throw new UnknownHostException(host);
		});
		try (PortWatcher watcher = new PortWatcher(checker,
				List.of(PortTarget.of("sample", new HostPort("localhost", 5432))))) {
			watcher.awaitAsync(List.of("sample"), Duration.ZERO, (status) -> {
			}).get();
			throw new IllegalStateException("An unresolvable target was reported up.");
		}
		catch (ExecutionException ex) {
			return ex.getCause();
		}
	}

	/**
	 * Reads a class's annotations, fields and methods, as creating a bean of it does: the JVM
	 * parses each only once, and makes a proxy class for each type of annotation on first use.
	 */
	private static void readDeclarations(Class<?> type) {
		type.getDeclaredAnnotations();
		type.getDeclaredFields();
		for (Method method : type.getDeclaredMethods()) {
			method.getDeclaredAnnotations();
		}
	}

}
