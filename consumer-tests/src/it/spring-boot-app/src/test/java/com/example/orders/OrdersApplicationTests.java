package com.example.orders;

import java.net.InetAddress;
import java.net.ServerSocket;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

class OrdersApplicationTests {

	@Test
	void startsOnceItsDatabaseListens() throws Exception {
		try (ServerSocket database = listener();
				ConfigurableApplicationContext context = SpringApplication.run(OrdersApplication.class,
						"--portend.wait-for.database=127.0.0.1:" + database.getLocalPort())) {
			assertThat(context.isRunning()).isTrue();
		}
	}

	@Test
	void doesNotStartWithoutItsDatabase() throws Exception {
		int port;
		try (ServerSocket closed = listener()) {
			port = closed.getLocalPort();
		}
		Throwable failure = catchThrowable(() -> SpringApplication.run(OrdersApplication.class,
				"--portend.wait-for.database=127.0.0.1:" + port, "--portend.timeout=300ms"));
		assertThat(failure).rootCause().hasMessageContaining("database (127.0.0.1:" + port + ")");
	}

	private static ServerSocket listener() throws Exception {
		return new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
	}

}
