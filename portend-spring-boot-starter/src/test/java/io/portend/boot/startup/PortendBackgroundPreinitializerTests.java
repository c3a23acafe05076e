package io.portend.boot.startup;

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

}
