//! The one pseudo-random number generator of the workspace (SplitMix64): small, deterministic,
//! and the same on every platform and with every version of every dependency, so that generated
//! data depends only on its seed.

/// How a draw is brought into `0..n`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Reduction {
    /// `(x * n) >> 64`, the unbiased multiply-and-shift.
    MultiplyShift,
    /// `x % n`, as the demo's pathway has always drawn (see [`SplitMix64::pathway_stream`]).
    Remainder,
}

/// SplitMix64 (Steele, Lea and Flood, 2014): a 64-bit state advanced by a constant and mixed.
#[derive(Debug, Clone)]
pub struct SplitMix64 {
    state: u64,
    reduction: Reduction,
}

impl SplitMix64 {
    /// A generator whose sequence depends only on `seed`.
    pub fn new(seed: u64) -> Self {
        Self {
            state: seed,
            reduction: Reduction::MultiplyShift,
        }
    }

    /// An independent stream for one purpose (`salt`) of one thing (`seed`).
    pub fn stream(seed: u64, salt: u64) -> Self {
        let mut mixer = Self::new(seed ^ salt.wrapping_mul(0xD6E8_FEB8_6659_FD93));
        Self::new(mixer.next_u64())
    }

    /// A stream as the demo's pathway has always drawn its choices: `seed` and `salt` combined
    /// without mixing, and every range reduced by remainder rather than by multiplication. It
    /// is kept so that the demo stays the same; anything new takes [`stream`](Self::stream).
    pub fn pathway_stream(seed: u64, salt: u64) -> Self {
        Self {
            state: seed ^ salt.wrapping_mul(0x9E37_79B9_7F4A_7C15),
            reduction: Reduction::Remainder,
        }
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (0 when `n` is 0).
    pub fn below(&mut self, n: u64) -> u64 {
        let x = self.next_u64();
        match self.reduction {
            Reduction::MultiplyShift => ((u128::from(x) * u128::from(n)) >> 64) as u64,
            Reduction::Remainder => x % n.max(1),
        }
    }

    /// An index into a collection of `len` items.
    pub fn index(&mut self, len: usize) -> usize {
        self.below(len as u64) as usize
    }

    /// A number in `low..=high`.
    pub fn between(&mut self, low: i64, high: i64) -> i64 {
        if high <= low {
            return low;
        }
        low + self.below((high - low) as u64 + 1) as i64
    }

    /// True with probability `per_mille` / 1000.
    pub fn chance(&mut self, per_mille: u64) -> bool {
        self.below(1000) < per_mille
    }

    /// True with probability `percent` / 100.
    pub fn percent(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }

    /// One item of a non-empty slice.
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.index(items.len())]
    }

    /// An index chosen with probability proportional to its weight (the last index when every
    /// weight is 0).
    pub fn weighted(&mut self, weights: &[u32]) -> usize {
        let total: u64 = weights.iter().map(|&w| u64::from(w)).sum();
        let mut roll = self.below(total);
        for (i, &w) in weights.iter().enumerate() {
            if roll < u64::from(w) {
                return i;
            }
            roll -= u64::from(w);
        }
        weights.len().saturating_sub(1)
    }

    /// One value of a non-empty weighted table of `(weight, value)`.
    pub fn weighted_pick<'a, T>(&mut self, table: &'a [(u32, T)]) -> &'a T {
        let weights: Vec<u32> = table.iter().map(|(w, _)| *w).collect();
        &table[self.weighted(&weights)].1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_the_reference_sequence() {
        // The first outputs of SplitMix64 seeded with 0 (reference implementation).
        let mut rng = SplitMix64::new(0);
        assert_eq!(rng.next_u64(), 0xE220_A839_7B1D_CDAF);
        assert_eq!(rng.next_u64(), 0x6E78_9E6A_A1B9_65F4);
    }

    #[test]
    fn ranges_stay_in_bounds() {
        let mut rng = SplitMix64::new(42);
        for _ in 0..10_000 {
            assert!(rng.below(7) < 7);
            let x = rng.between(-3, 3);
            assert!((-3..=3).contains(&x));
        }
        assert_eq!(rng.below(0), 0);
        assert_eq!(rng.between(5, 5), 5);
    }

    #[test]
    fn weighted_follows_weights() {
        let mut rng = SplitMix64::new(7);
        let mut counts = [0u32; 3];
        for _ in 0..30_000 {
            counts[rng.weighted(&[1, 0, 2])] += 1;
        }
        assert_eq!(counts[1], 0);
        assert!((9_000..11_000).contains(&counts[0]), "{counts:?}");
        assert_eq!(rng.weighted(&[0, 0]), 1);
    }

    #[test]
    fn streams_differ() {
        let a = SplitMix64::stream(1, 1).next_u64();
        let b = SplitMix64::stream(1, 2).next_u64();
        let c = SplitMix64::stream(2, 1).next_u64();
        assert!(a != b && a != c && b != c);
    }

    #[test]
    fn the_pathway_stream_draws_what_the_demo_always_drew() {
        // Drawn by the demo's own generator before it became this one.
        let mut rng = SplitMix64::pathway_stream(2026, 137_666);
        let below: Vec<usize> = (0..5).map(|_| rng.index(10)).collect();
        assert_eq!(below, [0, 8, 4, 7, 6]);
        let percent: Vec<bool> = (0..6).map(|_| rng.percent(30)).collect();
        assert_eq!(percent, [true, false, true, false, false, false]);
        let table = [(75, 'C'), (15, 'N'), (10, 'W')];
        let picked: String = (0..8).map(|_| *rng.weighted_pick(&table)).collect();
        assert_eq!(picked, "NWCNNCCC");
        assert_eq!(rng.index(0), 0);
        assert_eq!(rng.next_u64(), 0x4D1B_172E_3CDF_E4D8);
    }
}
