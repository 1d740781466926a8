package dev.neptuneguard.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class CallCounterTest {

    @Test
    void minus_earlierTally_countsOnlyWhatHappenedSince() {
        CallCounter.Tally earlier = new CallCounter.Tally(3, 4, Map.of("DescribeKey", 3L));
        CallCounter.Tally later = new CallCounter.Tally(5, 7, Map.of("DescribeKey", 4L, "ListAliases", 1L));

        CallCounter.Tally since = later.minus(earlier);

        assertThat(since.calls()).isEqualTo(2);
        assertThat(since.attempts()).isEqualTo(3);
        assertThat(since.callsByOperation()).containsOnly(Map.entry("DescribeKey", 1L), Map.entry("ListAliases", 1L));
        assertThat(since.calls("GetKeyRotationStatus")).isZero();
    }

    @Test
    void tally_newCounter_isZero() {
        assertThat(new CallCounter().tally()).isEqualTo(CallCounter.Tally.zero());
    }
}
