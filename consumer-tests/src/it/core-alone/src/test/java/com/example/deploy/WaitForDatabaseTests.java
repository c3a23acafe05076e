package com.example.deploy;

import java.net.InetAddress;
import java.net.ServerSocket;

import io.portend.PortTimeoutException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertThrows;

class WaitForDatabaseTests {

	@Test
	void returnsOnceTheDatabaseListens() throws Exception {
		try (ServerSocket database = listener()) {
			WaitForDatabase.main(new String[] { "127.0.0.1:" + database.getLocalPort(), "60" });
		}
	}

	@Test
	void timesOutWithoutTheDatabase() throws Exception {
		int port;
		try (ServerSocket closed = listener()) {
			port = closed.getLocalPort();
		}
		assertThrows(PortTimeoutException.class,
				() -> WaitForDatabase.main(new String[] { "127.0.0.1:" + port, "0" }));
	}

	private static ServerSocket listener() throws Exception {
		return new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
	}

}
