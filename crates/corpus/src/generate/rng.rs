//! The seeded random source: SplitMix64, and one independent stream per kind of file.

/// SplitMix64: tiny, fast and good enough to vary text; never used for anything secret.
#[derive(Clone, Debug)]
pub(super) struct Rng(u64);

impl Rng {
    /// An independent stream for one item, so items can be generated in any order.
    pub(super) fn for_item(seed: u64, stream: u64, index: usize) -> Rng {
        let mut rng = Rng(seed ^ stream.wrapping_mul(0xA076_1D64_78BD_642F));
        rng.0 ^= rng.next_u64() ^ (index as u64).wrapping_mul(0xE703_7ED1_A0B4_28DB);
        rng.next_u64();
        rng
    }

    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n` > 0).
    pub(super) fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }

    /// A number in `low..=high`.
    pub(super) fn between(&mut self, low: usize, high: usize) -> usize {
        low + self.below(high - low + 1)
    }

    pub(super) fn percent(&mut self, chance: usize) -> bool {
        self.below(100) < chance
    }

    pub(super) fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// One stream per kind of item. Never renumber them: the number is part of every byte written.
pub(super) const STREAM_PLAN: u64 = 1;
pub(super) const STREAM_REPORT: u64 = 2;
pub(super) const STREAM_RESPONSE: u64 = 3;
pub(super) const STREAM_PAGE: u64 = 4;
