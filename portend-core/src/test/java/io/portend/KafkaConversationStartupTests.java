package io.portend;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import io.portend.servers.KafkaServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link KafkaConversation} with a real Kafka broker probed while it starts.
 */
@Timeout(120)
class KafkaConversationStartupTests {

	/** Short, so that probes follow each other while the broker starts. */
	private static final Duration PROBE_TIMEOUT = Duration.ofMillis(250);

	private static final Duration STARTUP_BOUND = Duration.ofSeconds(60);

	private static final Duration SERVING_TIMEOUT = Duration.ofSeconds(10);

	private static final Verdict NO_ANSWER = Verdict.notReady("no answer within " + PROBE_TIMEOUT.toMillis() + " ms");

	@Test
	void brokerProbedWhileItStartsIsNotReadyUntilItServes() throws Exception {
		try (KafkaServer kafka = KafkaServer.bind()) {
			// Its port accepts connections, but nothing serves them yet.
			for (int i = 0; i < 3; i++) {
				assertThat(converse(kafka, PROBE_TIMEOUT)).isEqualTo(NO_ANSWER);
			}
			CompletableFuture<Void> started = CompletableFuture.runAsync(kafka::startBroker);
			List<Verdict> verdicts = new ArrayList<>();
			long deadline = System.nanoTime() + STARTUP_BOUND.toNanos();
			Verdict verdict;
			do {
				LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
				verdict = converse(kafka, PROBE_TIMEOUT);
				verdicts.add(verdict);
			}
			while (verdict.state() != Verdict.State.READY && System.nanoTime() < deadline);
			assertThat(verdict.state()).as("verdicts %s", verdicts).isEqualTo(Verdict.State.READY);
			assertThat(verdict.detail()).startsWith("1 broker in cluster ");
			// Until then the broker answered nothing, or its metadata listed no broker yet.
			assertThat(verdicts.subList(0, verdicts.size() - 1)).extracting(Verdict::detail)
				.isSubsetOf(NO_ANSWER.detail(), "no broker in the cluster's metadata yet");
			try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
					"127.0.0.1:" + kafka.address().getPort()))) {
				assertThat(admin.describeCluster().nodes().get(30, TimeUnit.SECONDS)).hasSize(1);
			}
			started.get(30, TimeUnit.SECONDS);
			for (int i = 0; i < 5; i++) {
				assertThat(converse(kafka, SERVING_TIMEOUT)).isEqualTo(verdict);
			}
		}
	}

	private static Verdict converse(KafkaServer kafka, Duration timeout) {
		return Conversations.converse(KafkaConversation.INSTANCE, kafka.address(), timeout);
	}

}
