package io.portend.benchmarks;

import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class RefusingPortTests {

	@Test
	void refusesConnections() throws Exception {
		try (RefusingPort refusing = RefusingPort.open(); Socket client = new Socket()) {
			assertThatExceptionOfType(ConnectException.class)
				.isThrownBy(() -> client.connect(new InetSocketAddress(Loopback.ADDRESS, refusing.port()), 5000));
		}
	}

	@Test
	void cannotBeTakenUntilClosed() throws Exception {
		RefusingPort refusing = RefusingPort.open();
		try {
			assertThatExceptionOfType(SocketException.class)
				.isThrownBy(() -> new ServerSocket(refusing.port(), 50, Loopback.ADDRESS).close());
		}
		finally {
			refusing.close();
		}
		new ServerSocket(refusing.port(), 50, Loopback.ADDRESS).close();
	}

}
