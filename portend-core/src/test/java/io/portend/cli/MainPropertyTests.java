package io.portend.cli;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;

import io.portend.Portend;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Generated argument lists: whatever the mix of valid and invalid tokens, {@link Main} answers
 * with a known exit status and at most a usage line and a one-line reason, never a stack trace.
 */
class MainPropertyTests {

	private static final long SEED = 20261122L;

	private static final int RUNS = 400;

	/** Commands that print nothing, so that surefire's channel on standard output stays clean. */
	private static final List<List<String>> COMMANDS = List.of(List.of("true"), List.of("false"),
			List.of("sh", "-c", "exit 3"), List.of("/nonexistent/portend-test-command"));

	private static final Set<Integer> STATUSES = Set.of(0, 1, 2, 3, 127);

	@Test
	void everyArgumentListGetsAKnownStatusAndAtMostAOneLineReason() throws IOException {
		int refused = Portend.findAvailableLocalPort();
		try (ServerSocket listener = MainTests.listener("127.0.0.1")) {
			List<String> targets = List.of(MainTests.target(listener), "127.0.0.1:" + refused, "[::1]:" + refused);
			List<String> tokens = tokens(targets);
			Random random = new Random(SEED);
			for (int run = 0; run < RUNS; run++) {
				List<String> args = arguments(random, targets, tokens);
				MainTests.Result result = MainTests.run(args.toArray(new String[0]));
				String described = "args " + args + " gave " + result;
				assertThat(result.code()).as(described).isIn(STATUSES);
				assertThat(result.err()).as(described).doesNotContain("\tat ", "Exception");
				List<String> reasons = new ArrayList<>();
				for (String line : result.errLines()) {
					if (!line.matches("portend: \\S+ (free|occupied|unresolved) after \\d+ ms \\(.*\\)")) {
						reasons.add(line);
					}
				}
				if (result.code() == 2) {
					assertThat(reasons).as(described).hasSize(2);
					assertThat(reasons.get(0)).as(described).startsWith("usage: portend ");
					assertThat(reasons.get(1)).as(described).startsWith("portend: error: ");
				}
				else {
					assertThat(reasons).as(described).hasSizeLessThanOrEqualTo(1);
				}
				if (!result.out().isEmpty()) {
					assertThat(result.code()).as(described).isZero();
					assertThat(result.out()).as(described).startsWith("usage: portend ");
				}
			}
		}
	}

	/**
	 * Half well-formed (targets, a state, maybe a command) with a few tokens slipped in, half
	 * tokens at random. Starts with {@code -t 0} so that every wait ends at once; later tokens
	 * may only shorten it.
	 */
	private static List<String> arguments(Random random, List<String> targets, List<String> tokens) {
		List<String> args = new ArrayList<>();
		if (random.nextBoolean()) {
			for (int i = random.nextInt(3); i >= 0; i--) {
				args.add(pick(random, targets));
			}
			args.add(random.nextBoolean() ? "free" : "occupied");
			for (int i = random.nextInt(3); i > 0; i--) {
				String token = pick(random, tokens);
				if (!token.equals("--")) {
					args.add(random.nextInt(args.size() + 1), token);
				}
			}
		}
		else {
			for (int i = random.nextInt(7); i > 0; i--) {
				String token = pick(random, tokens);
				if (token.equals("--")) {
					break;
				}
				args.add(token);
			}
		}
		args.addAll(0, List.of("-t", "0"));
		if (random.nextInt(4) == 0) {
			args.add("--");
			args.addAll(pick(random, COMMANDS));
		}
		return args;
	}

	private static <T> T pick(Random random, List<T> list) {
		return list.get(random.nextInt(list.size()));
	}

	/**
	 * Valid and invalid tokens; every host is an IP literal or malformed, so nothing is looked up.
	 */
	private static List<String> tokens(List<String> targets) {
		List<String> tokens = new ArrayList<>(targets);
		tokens.addAll(List.of("127.0.0.1", ":80", "[::1]",
				"127.0.0.1:0", "127.0.0.1:65536", "a b:1", "[::1:80", "::1:80", "127.0.0.1:80x", "", " ", "-",
				"free", "occupied", "free", "occupied", "busy", "FREE", "-t", "--timeout", "-t0", "--timeout=0",
				"0", "0.01", "1e-3", "-1", "nan", "abc", "-v", "-q", "--verbose", "--quiet", "-vq", "-qt0", "-x",
				"--nope", "--verbose=1", "-h", "--", "\u00e9:1", "127.0.0.1:\u0661"));
		return tokens;
	}

}
