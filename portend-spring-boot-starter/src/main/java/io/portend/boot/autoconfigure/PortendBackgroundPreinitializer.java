package io.portend.boot.autoconfigure;

import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;

import org.springframework.boot.autoconfigure.preinitialize.BackgroundPreinitializer;

/**
 * Loads the JDK's socket classes on Spring Boot's background pre-initialization thread, while
 * the application context is being prepared. Their first use costs a cold JVM some 50 ms (a
 * class path scan for a selector provider among them) that the start-up wait for the targets
 * would otherwise add to the main thread. Nothing connects anywhere.
 */
final class PortendBackgroundPreinitializer implements BackgroundPreinitializer {

	@Override
	public void preinitialize() throws Exception {
		SocketChannel.open().close();
		Selector.open().close();
	}

}
