package io.portend.boot.autoconfigure;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import javax.sql.DataSource;

import io.portend.HostResolver;
import io.portend.boot.PortWatcher;
import io.portend.boot.ThreadCheck;
import io.portend.boot.startup.PortendStartupBarrier;
import io.portend.servers.Listener;
import io.portend.servers.Listeners;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.context.metrics.buffering.BufferingApplicationStartup;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceInitializationAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.DependsOn;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Tests for start-up waiting for targets, against real listeners on loopback.
 */
class PortendStartupTests {

	@AutoClose
	private final Listeners listeners = new Listeners();

	private final ExecutorService executor = Executors.newCachedThreadPool();

	private final List<String> events = Collections.synchronizedList(new ArrayList<>());

	/** Counts down when the first round of checks starts: the wait has begun. */
	private final CountDownLatch waitStarted = new CountDownLatch(1);

	private final HostResolver resolver = (host) -> {
		this.waitStarted.countDown();
		return List.of(InetAddress.getByName(host));
	};

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(PortendAutoConfiguration.class, PortendStartupAutoConfiguration.class))
		.withBean(HostResolver.class, () -> this.resolver)
		.withBean(EventRecorder.class, () -> new EventRecorder(this.events));

	@AfterEach
	void shutDown() throws InterruptedException {
		this.executor.shutdownNow();
		assertThat(this.executor.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
	}

	@Test
	@ExtendWith(OutputCaptureExtension.class)
	void startupWaitsForALateListenerBeforeCreatingDataSources(CapturedOutput output) throws Exception {
		try (Listener database = this.listeners.notListening()) {
			Future<?> run = this.executor.submit(() -> this.runner.withUserConfiguration(DataSourceConfiguration.class)
				.withPropertyValues("portend.wait-for.database=" + database.target(), "portend.progress-interval=50ms")
				.run((context) -> {
					assertThat(context).hasNotFailed();
					this.events.add("refreshed");
				}));
			assertThat(this.waitStarted.await(30, TimeUnit.SECONDS)).isTrue();
			// At every progress interval the log names what start-up still waits for: open the listener after the first.
			String stillWaiting = "Still waiting after ";
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
			while (!output.getOut().contains(stillWaiting) && System.nanoTime() - deadline < 0) {
				TimeUnit.MILLISECONDS.sleep(20); // polls the log
			}
			assertThat(run).isNotDone();
			this.events.add("listener opened");
			database.start();
			run.get(30, TimeUnit.SECONDS);
			assertThat(this.events).containsExactly("listener opened", "portendStartupBarrier ready",
					"dataSource created (database OCCUPIED)", "myClient created", "refreshed");
			assertThat(output).containsPattern(stillWaiting + "\\d+ ms for database \\(" + database + "\\): connection refused")
				.contains("Waiting up to 60s for database (" + database + ")")
				.containsPattern("database \\(" + database + "\\) is up after \\d+ ms")
				.containsPattern("Waited \\d+ ms for database \\(" + database + "\\): all up");
		}
	}

	@Test
	void theWaitRunsAlongsideStartUpAndHoldsItOnceEverySingletonIsMade() throws Exception {
		try (Listener database = this.listeners.notListening()) {
			CountDownLatch laterBeanCreated = new CountDownLatch(1);
			Future<?> run = this.executor.submit(() -> this.runner
				.withConfiguration(AutoConfigurations.of(LaterConfiguration.class))
				.withBean("laterBeanCreated", CountDownLatch.class, () -> laterBeanCreated)
				.withPropertyValues("portend.wait-for.database=" + database.target())
				.run((context) -> {
					assertThat(context).hasNotFailed();
					this.events.add("refreshed");
				}));
			// Made after the wait started, while the database is still down: nothing held it.
			assertThat(laterBeanCreated.await(30, TimeUnit.SECONDS)).isTrue();
			assertThat(run).isNotDone();
			this.events.add("listener opened");
			database.start();
			run.get(30, TimeUnit.SECONDS);
			assertThat(this.events).containsExactly("listener opened", "refreshed");
		}
	}

	@Test
	void theWaitIsAStartUpStep() {
		try (Listener database = this.listeners.closingAtOnce()) {
			BufferingApplicationStartup startup = new BufferingApplicationStartup(10_000);
			this.runner.withInitializer((context) -> context.setApplicationStartup(startup))
				.withPropertyValues("portend.wait-for.database=" + database.target())
				.run((context) -> {
					assertThat(context).hasNotFailed();
					assertThat(startup.getBufferedTimeline().getEvents())
						.extracting((event) -> event.getStartupStep().getName())
						.contains("portend.startup.wait");
				});
		}
	}

	@Test
	void autoConfiguredDataSourceAndItsUsersWaitForTheBarrier() throws Exception {
		try (Listener database = this.listeners.closingAtOnce()) {
			this.runner
				.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
						DataSourceInitializationAutoConfiguration.class, JdbcTemplateAutoConfiguration.class))
				.withPropertyValues("portend.wait-for.database=" + database.target(),
						"spring.datasource.url=jdbc:h2:mem:portend-startup", "spring.sql.init.mode=always",
						"spring.sql.init.schema-locations=classpath:portend-test-schema.sql")
				.run((context) -> {
					assertThat(context).hasNotFailed().hasSingleBean(JdbcTemplate.class);
					assertThat(this.events).startsWith("portendStartupBarrier ready")
						.contains("dataSource created (database OCCUPIED)")
						.contains("dataSourceScriptDatabaseInitializer created", "jdbcTemplate created");
					String[] initializerDependsOn = context.getBeanFactory()
						.getBeanDefinition("dataSourceScriptDatabaseInitializer")
						.getDependsOn();
					assertThat(initializerDependsOn).contains(PortendStartupBarrier.BEAN_NAME);
				});
		}
	}

	@Test
	void timeoutFailsStartupWithAnExplanation() {
		try (Listener database = this.listeners.notListening()) {
			this.runner.withUserConfiguration(DataSourceConfiguration.class)
				.withPropertyValues("portend.wait-for.database=" + database.target(), "portend.timeout=300ms",
						"portend.wait-for.cache.address=127.0.0.1:" + database.port(),
						"portend.wait-for.cache.required=false")
				.run((context) -> {
					assertThat(context).hasFailed();
					assertThat(this.events).doesNotContain("dataSource created (database OCCUPIED)",
							"dataSource created (database FREE)");
					FailureAnalysis analysis = FailureAnalysisSupport.analyze(context.getStartupFailure());
					String report = FailureAnalysisSupport.report(analysis);
					System.out.println(report);
					assertThat(analysis.getDescription()).isEqualTo("Start-up waited up to 300ms (portend.timeout) "
							+ "for the targets in portend.wait-for, but this required target was not reachable in time:\n\n"
							+ "    database (" + database + "): connection refused");
					assertThat(analysis.getAction()).isEqualTo("- database: start it, or fix its address in "
							+ "portend.wait-for.database if it listens elsewhere.\nIf a target needs longer to start, "
							+ "raise portend.timeout (now 300ms) or its own portend.wait-for.<name>.timeout. If the "
							+ "application can start without it, mark it optional with "
							+ "portend.wait-for.<name>.required=false.");
				});
		}
	}

	@Test
	void targetTimeoutIsNamedInTheExplanation() {
		try (Listener database = this.listeners.notListening()) {
			this.runner
				.withPropertyValues("portend.wait-for.database.address=" + database.target(),
						"portend.wait-for.database.timeout=200ms")
				.run((context) -> {
					assertThat(context).hasFailed();
					assertThat(FailureAnalysisSupport.analyze(context.getStartupFailure()).getDescription())
						.contains("Start-up waited up to 60s (portend.timeout)")
						.endsWith("    database (" + database + "): connection refused (its own timeout: 200ms)");
				});
		}
	}

	@Test
	void optionalTargetsNeverBlock() {
		try (Listener database = this.listeners.closingAtOnce();
				Listener cache = this.listeners.blackholed()) {
			this.runner
				.withPropertyValues("portend.wait-for.database=" + database.target(),
						"portend.wait-for.cache.address=" + cache.target(), "portend.wait-for.cache.required=false")
				.run((context) -> {
					assertThat(context).hasNotFailed();
					assertThat(context.getBean(PortWatcher.class).status("database").occupied()).isTrue();
					assertThat(context.getBean(PortWatcher.class).status("cache").occupied()).isFalse();
				});
			this.runner
				.withPropertyValues("portend.wait-for.cache.address=" + cache.target(),
						"portend.wait-for.cache.required=false")
				.run((context) -> assertThat(context).hasNotFailed());
		}
	}

	@Test
	void withoutBlockingStartupNothingWaits() {
		try (Listener database = this.listeners.blackholed()) {
			this.runner.withUserConfiguration(DataSourceConfiguration.class)
				.withPropertyValues("portend.wait-for.database=" + database.target(), "portend.block-startup=false")
				.run((context) -> {
					assertThat(context).hasNotFailed();
					assertThat(context.getBean(PortendStartupBarrier.class).getWaitTime()).isNull();
					assertThat(this.events).contains("dataSource created (database UNKNOWN)");
				});
		}
	}

	@Test
	void closingTheContextDuringTheWaitEndsItPromptly() throws Exception {
		try (Listener database = this.listeners.notListening()) {
			AtomicReference<ConfigurableApplicationContext> starting = new AtomicReference<>();
			SpringApplication application = new SpringApplication(ClosingApplication.class);
			application.setWebApplicationType(WebApplicationType.NONE);
			application.setDefaultProperties(Map.of("portend.wait-for.database", database.target().toString(),
					"portend.timeout", "10m"));
			application.addInitializers((context) -> {
				starting.set(context);
				context.getBeanFactory().registerSingleton("testResolver", this.resolver);
			});
			Future<ConfigurableApplicationContext> run = this.executor.submit(() -> application.run());
			assertThat(this.waitStarted.await(30, TimeUnit.SECONDS)).isTrue();
			long start = System.nanoTime();
			starting.get().close();
			assertThatException().isThrownBy(() -> run.get(30, TimeUnit.SECONDS))
				.havingRootCause()
				.isInstanceOf(InterruptedException.class);
			Throwable failure = catchThrowable(() -> run.get());
			assertThat(FailureAnalysisSupport.analyze(failure.getCause()).getDescription()).isEqualTo(
					"Start-up was stopped while waiting for database (" + database + "): the application context was "
							+ "closed during start-up, for example on SIGTERM.");
			Duration took = Duration.ofNanos(System.nanoTime() - start);
			System.out.println("Closing the context during the start-up wait took " + took.toMillis() + " ms");
			assertThat(took).isLessThan(Duration.ofSeconds(10));
			assertThat(starting.get().isActive()).isFalse();
			assertThat(ThreadCheck.portendThreads()).isEmpty();
		}
	}

	@Test
	void hundredStartsAndClosesLeaveNoThreadBehind() throws Exception {
		try (Listener database = this.listeners.closingAtOnce()) {
			ApplicationContextRunner runner = new ApplicationContextRunner()
				.withConfiguration(AutoConfigurations.of(PortendAutoConfiguration.class,
						PortendStartupAutoConfiguration.class))
				.withPropertyValues("portend.wait-for.database=" + database.target(),
						"portend.wait-for.cache.address=127.0.0.1:" + database.port(),
						"portend.wait-for.cache.required=false");
			runner.run((context) -> assertThat(context).hasNotFailed());
			int before = Thread.activeCount();
			for (int i = 0; i < 100; i++) {
				runner.run((context) -> assertThat(context).hasNotFailed());
			}
			System.out.println("Threads before 100 start/close cycles: " + before + ", after: " + Thread.activeCount());
			assertThat(ThreadCheck.portendThreads()).isEmpty();
			assertThat(Thread.activeCount()).isLessThanOrEqualTo(before + 2);
		}
	}

	/**
	 * Records when the barrier is ready and when beans that should wait for it are created.
	 */
	static class EventRecorder implements BeanPostProcessor {

		private final List<String> events;

		EventRecorder(List<String> events) {
			this.events = events;
		}

		@Override
		public Object postProcessBeforeInitialization(Object bean, String beanName) {
			if (bean instanceof DataSource) {
				this.events.add(beanName + " created (database " + PortendStartupTests.state(this) + ")");
			}
			else if (beanName.equals("myClient") || beanName.equals("jdbcTemplate")
					|| beanName.equals("dataSourceScriptDatabaseInitializer")) {
				this.events.add(beanName + " created");
			}
			return bean;
		}

		@Override
		public Object postProcessAfterInitialization(Object bean, String beanName) {
			if (bean instanceof PortendStartupBarrier) {
				this.events.add(beanName + " ready");
			}
			if (bean instanceof PortWatcher watcher) {
				this.watcher = watcher;
			}
			return bean;
		}

		private PortWatcher watcher;

	}

	private static String state(EventRecorder recorder) {
		return (recorder.watcher != null) ? recorder.watcher.status("database").state().name() : "no watcher";
	}

	@Configuration(proxyBeanMethods = false)
	static class DataSourceConfiguration {

		@Bean
		DataSource dataSource() {
			return new SimpleDriverDataSource();
		}

		@Bean
		@DependsOn(PortendStartupBarrier.BEAN_NAME)
		Object myClient() {
			return new Object();
		}

	}

	@AutoConfiguration(after = PortendStartupAutoConfiguration.class)
	static class LaterConfiguration {

		@Bean
		Object laterBean(CountDownLatch laterBeanCreated) {
			laterBeanCreated.countDown();
			return new Object();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ PortendAutoConfiguration.class, PortendStartupAutoConfiguration.class })
	static class ClosingApplication {

	}

}
