package io.portend;

import java.time.Duration;
import java.util.List;

import io.portend.servers.RedisServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static io.portend.Conversations.converse;
import static io.portend.Conversations.converseUntil;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link RedisConversation} against a real Redis: serving, protected by a password, and loading
 * its dataset.
 */
@Timeout(120)
class RedisReadinessTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(5);

	@Test
	void servingIsReady() {
		try (RedisServer redis = RedisServer.start()) {
			assertThat(converse(RedisConversation.INSTANCE, redis.address(), TIMEOUT))
				.isEqualTo(Verdict.ready("answers PONG"));
		}
	}

	@Test
	void passwordProtectedIsReady() {
		try (RedisServer redis = RedisServer.start("--requirepass", "secret")) {
			assertThat(converse(RedisConversation.INSTANCE, redis.address(), TIMEOUT))
				.isEqualTo(Verdict.ready("up, refuses this client: NOAUTH Authentication required."));
		}
	}

	@Test
	void checkerWaitsUntilLoaded() throws Exception {
		try (RedisServer redis = RedisServer.startLoading(20_000, Duration.ofNanos(50_000))) {
			HostPort target = HostPort.fromAddress(redis.address()).withProtocol(Protocol.REDIS);
			PortStatus loading = new Checker().check(target);
			assertThat(loading.open()).as(loading.toString()).isTrue();
			assertThat(loading.occupied()).as(loading.toString()).isFalse();
			assertThat(loading.reason()).contains("open but not ready: LOADING Redis is loading the dataset in memory");
			new Checker().awaitOccupied(List.of(target), Duration.ofSeconds(60));
		}
	}

	@Test
	void loadingIsNotReadyUntilLoaded() {
		// 20,000 keys, each at least 50 µs: loading lasts a second at the very least.
		try (RedisServer redis = RedisServer.startLoading(20_000, Duration.ofNanos(50_000))) {
			assertThat(converse(RedisConversation.INSTANCE, redis.address(), TIMEOUT))
				.isEqualTo(Verdict.notReady("LOADING Redis is loading the dataset in memory"));
			assertThat(converseUntil(RedisConversation.INSTANCE, redis.address(),
					(verdict) -> verdict.state() == Verdict.State.READY, Duration.ofSeconds(60)))
				.isEqualTo(Verdict.ready("answers PONG"));
		}
	}

}
