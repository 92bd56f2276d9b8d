//! scrutiny-corpus: scrutiny's development tools, kept out of the product binary. `generate`
//! writes deterministic archives of any size for tests and benchmarks; `floor` is the least a
//! build of one could cost (BENCHMARKS.md). Neither depends on scrutiny.

mod dates;
pub mod floor;
pub mod generate;
