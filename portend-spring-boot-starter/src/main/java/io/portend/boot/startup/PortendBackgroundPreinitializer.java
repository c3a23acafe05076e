package io.portend.boot.startup;

import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;

import org.springframework.boot.autoconfigure.preinitialize.BackgroundPreinitializer;

/**
 * Loads the JDK's socket classes on Spring Boot's background pre-initialization thread, as
 * Spring Boot's own pre-initializers do for theirs, so that the first checks of the start-up
 * wait do not load them on the main thread. Nothing connects.
 */
final class PortendBackgroundPreinitializer implements BackgroundPreinitializer {

	@Override
	public void preinitialize() throws Exception {
		SocketChannel.open().close();
		Selector.open().close();
	}

}
