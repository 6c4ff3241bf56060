package io.binlake.tower.dump;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.random.RandomGenerator;

/** Which waves may dump an instance: up to {@code max} distinct waves of its cluster, every wave equally likely. */
public final class Candidates {
    public static final int DEFAULT_COUNT = 3;

    private Candidates() {
    }

    /**
     * All waves when there are {@code max} or fewer; otherwise a uniform sample without replacement (the original
     * drew with rand.Intn(len-1) and so never picked the last wave: tower-spec §8.3.8).
     */
    public static List<String> pick(List<String> waves, int max, RandomGenerator random) {
        List<String> distinct = new ArrayList<>(new LinkedHashSet<>(waves));
        if (distinct.size() <= max) {
            return List.copyOf(distinct);
        }
        Collections.shuffle(distinct, random instanceof java.util.Random r ? r : new java.util.Random(random.nextLong()));
        return List.copyOf(distinct.subList(0, max));
    }
}
