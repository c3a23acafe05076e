package io.portend.servers;

import java.io.IOException;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link Listeners}, the listener fixture the other tests and the benchmarks trust.
 */
class ListenersTests {

	private static final int CONNECT_TIMEOUT_MILLIS = 5_000;

	@AutoClose
	private final Listeners listeners = new Listeners();

	@Test
	void acceptingListenerCountsConnectionsAndBytesUntilThePeerCloses() throws IOException {
		Listener listener = this.listeners.accepting(Listeners.IPV4_LOOPBACK);
		try (Socket client = connect(listener)) {
			OutputStream out = client.getOutputStream();
			out.write(new byte[] { 1, 2, 3 });
			out.flush();
			assertThat(listener.bytesReceived()).isEqualTo(3);
			assertThat(listener.openConnections()).isOne();
		}
		assertThat(listener.accepts()).isOne();
		assertThat(listener.openConnections()).isZero();
	}

	@Test
	void stoppedListenerRefusesConnections() {
		Listener listener = this.listeners.resettingAtOnce();
		listener.stop();
		assertThatExceptionOfType(ConnectException.class).isThrownBy(() -> knock(listener));
	}

	@Test
	void listenerStartsAgainOnItsPort() throws IOException {
		Listener listener = this.listeners.resettingAtOnce();
		int port = listener.port();
		listener.stop();
		listener.start();
		knock(listener);
		assertThat(listener.port()).isEqualTo(port);
		assertThat(listener.accepts()).isOne();
	}

	@Test
	void notListeningListenerRefusesUntilStarted() throws IOException {
		Listener listener = this.listeners.notListening();
		assertThatExceptionOfType(ConnectException.class).isThrownBy(() -> knock(listener));
		listener.start();
		knock(listener);
		assertThat(listener.accepts()).isOne();
	}

	@Test
	void startingAListeningListenerFails() {
		Listener listener = this.listeners.closingAtOnce();
		assertThatExceptionOfType(IllegalStateException.class).isThrownBy(listener::start)
			.withMessage(listener + " is listening already");
	}

	@Test
	void blackholedListenerDropsConnectionAttempts() {
		Listener listener = this.listeners.blackholed();
		assertThatExceptionOfType(SocketTimeoutException.class).isThrownBy(() -> {
			try (Socket client = new Socket()) {
				client.connect(listener.address(), 200);
			}
		});
	}

	@Test
	void startAndStopTellWhenTheyTookEffect() {
		Listener listener = this.listeners.notListening();
		long beforeStart = System.nanoTime();
		long listening = listener.start();
		long beforeStop = System.nanoTime();
		long stopped = listener.stop();
		long afterStop = System.nanoTime();
		assertThat(listening).isBetween(beforeStart, beforeStop);
		assertThat(stopped).isBetween(beforeStop, afterStop);
	}

	/**
	 * Connects and closes at once.
	 * @throws ConnectException if the connection was refused
	 */
	private static void knock(Listener listener) throws IOException {
		try (Socket client = new Socket()) {
			client.connect(listener.address(), CONNECT_TIMEOUT_MILLIS);
		}
		catch (SocketException ex) {
			if (ex instanceof ConnectException) {
				throw ex;
			}
			// Reset by a listener that resets at once, sometimes before connect() returned: it was accepted.
		}
	}

	private static Socket connect(Listener listener) throws IOException {
		Socket client = new Socket();
		try {
			client.connect(listener.address(), CONNECT_TIMEOUT_MILLIS);
			return client;
		}
		catch (IOException ex) {
			client.close();
			throw ex;
		}
	}

}
