package io.portend;

import java.time.Duration;

import io.portend.servers.RabbitmqServer;
import io.portend.servers.Scratch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static io.portend.Conversations.converse;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link AmqpConversation} against a real RabbitMQ, started once for the class: it takes seconds.
 */
@Timeout(180)
class AmqpReadinessTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(5);

	private static RabbitmqServer rabbitmq;

	@BeforeAll
	static void startBroker() {
		rabbitmq = RabbitmqServer.start();
	}

	@AfterAll
	static void stopBroker() {
		if (rabbitmq != null) {
			rabbitmq.close();
		}
	}

	@Test
	void brokerIsReady() {
		assertThat(converse(AmqpConversation.INSTANCE, rabbitmq.address(), TIMEOUT))
			.isEqualTo(Verdict.ready("sends Connection.Start"));
	}

	@Test
	void checkerTellsTheBrokerReady() throws Exception {
		PortStatus status = new Checker().check(HostPort.fromAddress(rabbitmq.address()).withProtocol(Protocol.AMQP));
		assertThat(status.occupied()).as(status.toString()).isTrue();
		assertThat(status.reason()).startsWith("ready: sends Connection.Start");
	}

	@Test
	void brokerLogsEachConversationAsAnUnexpectedClose() {
		converse(AmqpConversation.INSTANCE, rabbitmq.address(), TIMEOUT);
		Scratch.await(Duration.ofSeconds(30), "logged the closed connection",
				() -> rabbitmq.log().contains("client unexpectedly closed TCP connection"), rabbitmq::log);
		assertThat(rabbitmq.log()).contains("[info]", "accepting AMQP connection", "[warning]", "closing AMQP connection");
	}

}
