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
 * {@code spring.datasource.url} and {@code portend.wait-for.database} from them) and opens a
 * {@link DemoDatabase} there {@code sample.demo-database.start-delay} (10s by default) after the
 * application starts creating its beans.
 */
class DemoDatabaseEnvironmentPostProcessor implements EnvironmentPostProcessor {

	private static final String HOST = "127.0.0.1";

	private static final Duration DEFAULT_START_DELAY = Duration.ofSeconds(10);

	private final Log logger;

	DemoDatabaseEnvironmentPostProcessor(DeferredLogFactory logFactory) {
		this.logger = logFactory.getLog(DemoDatabaseEnvironmentPostProcessor.class);
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		Binder binder = Binder.get(environment);
		if (!binder.bind("sample.demo-database.enabled", Boolean.class).orElse(true)) {
			return;
		}
		Duration startDelay = binder.bind("sample.demo-database.start-delay", Duration.class)
			.orElse(DEFAULT_START_DELAY);
		int port = Portend.findAvailableLocalPort();
		// The demo's values win over any DB_HOST/DB_PORT given: the demo database is where it is.
		environment.getPropertySources()
			.addFirst(new MapPropertySource("demoDatabase", Map.of("DB_HOST", HOST, "DB_PORT", port)));
		DemoDatabase database = new DemoDatabase(HOST, port);
		application.addListeners(database);
		// The delay counts from when the application starts creating its beans, not from now: on
		// a slow machine, reading the configuration alone can take longer than the delay.
		application.addInitializers((context) -> context
			.addBeanFactoryPostProcessor((beanFactory) -> database.startAfter(startDelay)));
		this.logger.info("Demo database: H2 will listen on " + HOST + ":" + port + " "
				+ startDelay.toMillis() + " ms after the application starts creating its beans,"
				+ " playing a database that starts late (sample.demo-database.enabled=false switches it off)");
	}

}
