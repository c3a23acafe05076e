package io.portend.boot.autoconfigure;

import java.net.URL;
import java.net.URLClassLoader;
import java.time.Duration;

import io.portend.HostPort;
import io.portend.PortTimeoutException;
import io.portend.boot.PortWatcher;
import io.portend.boot.ThreadCheck;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.preinitialize.BackgroundPreinitializer;
import org.springframework.core.io.support.SpringFactoriesLoader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * Tests for {@link PortendBackgroundPreinitializer}.
 */
class PortendBackgroundPreinitializerTests {

	@Test
	void isRegisteredForSpringBootsBackgroundPreinitialization() {
		assertThat(SpringFactoriesLoader.forDefaultResourceLocation().load(BackgroundPreinitializer.class))
			.hasAtLeastOneElementOfType(PortendBackgroundPreinitializer.class);
	}

	@Test
	void preinitializesWithoutFailing() {
		assertThatNoException().isThrownBy(new PortendBackgroundPreinitializer()::preinitialize);
	}

	@Test
	void bindsSamplePropertiesOfEachShape() {
		PortendProperties properties = PortendBackgroundPreinitializer.bindSampleProperties();
		assertThat(properties.getWaitFor()).containsOnlyKeys("database", "cache");
		assertThat(properties.getWaitFor().get("database").getAddress()).isEqualTo(new HostPort("localhost", 5432));
		PortendProperties.Target cache = properties.getWaitFor().get("cache");
		assertThat(cache.getAddress()).isEqualTo(new HostPort("localhost", 6379));
		assertThat(cache.getTimeout()).isEqualTo(Duration.ofSeconds(10));
		assertThat(cache.isRequired()).isFalse();
		assertThat(properties.getTimeout()).isEqualTo(Duration.ofMinutes(1));
	}

	@Test
	void waitsForATargetThatNeverResolvesAndLeavesNoThreadBehind() throws Exception {
		Throwable failure = PortendBackgroundPreinitializer.waitForUnresolvableTarget();
		assertThat(failure).isInstanceOf(PortTimeoutException.class).hasMessageContaining("does not resolve");
		assertThat(ThreadCheck.portendThreads()).isEmpty();
	}

	@Test
	void everyStartPathClassExists() {
		ClassLoader classLoader = getClass().getClassLoader();
		assertThat(PortendBackgroundPreinitializer.START_PATH_CLASSES).allSatisfy(
				(name) -> assertThatNoException().isThrownBy(() -> Class.forName(name, false, classLoader)));
	}

	@Test
	void preloadsWhatItCanAndSkipsClassesWhoseLibrariesAreMissing() throws Exception {
		URL[] portendOnly = { location(HostPort.class), location(PortWatcher.class) };
		try (PortendOnlyClassLoader classLoader = new PortendOnlyClassLoader(portendOnly)) {
			PortendBackgroundPreinitializer.preload(classLoader);
			assertThat(classLoader.loaded("io.portend.Checker")).isTrue();
			assertThat(classLoader.loaded("io.portend.boot.PortWatcher")).isTrue();
			// Its superclass is in spring-boot-health, which this class loader cannot see.
			assertThat(classLoader.loaded("io.portend.boot.health.PortendHealthIndicator")).isFalse();
		}
	}

	private static URL location(Class<?> type) {
		return type.getProtectionDomain().getCodeSource().getLocation();
	}

	/**
	 * Sees portend's classes and the JDK's, nothing else.
	 */
	private static final class PortendOnlyClassLoader extends URLClassLoader {

		PortendOnlyClassLoader(URL[] urls) {
			super(urls, ClassLoader.getPlatformClassLoader());
		}

		boolean loaded(String name) {
			return findLoadedClass(name) != null;
		}

	}

}
