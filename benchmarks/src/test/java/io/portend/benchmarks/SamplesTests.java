package io.portend.benchmarks;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class SamplesTests {

	@Test
	void percentilesAreNearestRankValuesActuallyMeasured() {
		Samples samples = Samples.of(List.of(10.0, 1.0, 9.0, 2.0, 8.0, 3.0, 7.0, 4.0, 6.0, 5.0));
		assertThat(samples.median()).isEqualTo(5.0);
		assertThat(samples.percentile(90)).isEqualTo(9.0);
		assertThat(samples.percentile(91)).isEqualTo(10.0);
		assertThat(samples.max()).isEqualTo(10.0);
		assertThat(samples.size()).isEqualTo(10);
	}

	@Test
	void oneValueIsEveryPercentile() {
		Samples samples = Samples.of(List.of(3.5));
		assertThat(samples.percentile(1)).isEqualTo(3.5);
		assertThat(samples.median()).isEqualTo(3.5);
		assertThat(samples.max()).isEqualTo(3.5);
	}

	@Test
	void anEmptySeriesIsRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> Samples.of(List.of()))
			.withMessage("A series needs at least one value.");
	}

}
