package io.binlake.tower.dump;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CandidatesTest {
    @Test
    void threeOrFewerWavesAreAllCandidates() {
        assertThat(Candidates.pick(List.of("10.0.0.1", "10.0.0.2", "10.0.0.1"), 3, new Random(1)))
                .containsExactly("10.0.0.1", "10.0.0.2");
    }

    @Test
    void everyWaveIncludingTheLastIsPickedAboutEquallyOften() {
        List<String> waves = List.of("a", "b", "c", "d", "e");
        Map<String, Integer> counts = new HashMap<>();
        Random random = new Random(42);
        int rounds = 20_000;
        for (int i = 0; i < rounds; i++) {
            List<String> picked = Candidates.pick(waves, 3, random);
            assertThat(picked).hasSize(3).doesNotHaveDuplicates();
            picked.forEach(w -> counts.merge(w, 1, Integer::sum));
        }
        // Each wave is in 3/5 of the samples; the original's rand.Intn(len-1) never chose the last one.
        waves.forEach(w -> assertThat(counts.get(w)).as(w).isBetween((int) (rounds * 0.57), (int) (rounds * 0.63)));
    }
}
