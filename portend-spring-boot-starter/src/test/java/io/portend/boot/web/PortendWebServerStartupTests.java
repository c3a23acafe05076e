package io.portend.boot.web;

import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.portend.Checker;
import io.portend.HostPort;
import io.portend.HostResolver;
import io.portend.Portend;
import io.portend.servers.Listener;
import io.portend.servers.Listeners;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

import io.portend.boot.autoconfigure.PortendAutoConfiguration;
import io.portend.boot.autoconfigure.PortendStartupAutoConfiguration;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.tomcat.autoconfigure.servlet.TomcatServletWebServerAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that the web server accepts no connection while start-up waits for its targets.
 */
class PortendWebServerStartupTests {

	@AutoClose
	private final Listeners listeners = new Listeners();

	@Test
	void webServerListensOnlyOnceTheWaitIsOver() throws Exception {
		CountDownLatch waitStarted = new CountDownLatch(1);
		HostResolver resolver = (host) -> {
			waitStarted.countDown();
			return List.of(InetAddress.getByName(host));
		};
		HostPort server = new HostPort("127.0.0.1", Portend.findAvailableLocalPort());
		ExecutorService executor = Executors.newSingleThreadExecutor();
		try (Listener database = this.listeners.notListening()) {
			SpringApplication application = new SpringApplication(TomcatApplication.class);
			application.setDefaultProperties(Map.of("server.address", server.host(), "server.port", server.port(),
					"portend.wait-for.database", database.toString()));
			application.addInitializers(
					(context) -> context.getBeanFactory().registerSingleton("testResolver", resolver));
			Future<ConfigurableApplicationContext> run = executor.submit(() -> application.run());
			assertThat(waitStarted.await(60, TimeUnit.SECONDS)).isTrue();
			Checker checker = new Checker();
			assertThat(checker.check(server).occupied()).as("web server listening during the wait").isFalse();
			assertThat(run).isNotDone();
			database.start();
			try (ConfigurableApplicationContext context = run.get(60, TimeUnit.SECONDS)) {
				assertThat(checker.check(server).occupied()).as("web server listening after start-up").isTrue();
			}
		}
		finally {
			executor.shutdownNow();
		}
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ TomcatServletWebServerAutoConfiguration.class, PortendAutoConfiguration.class,
			PortendStartupAutoConfiguration.class })
	static class TomcatApplication {

	}

}
