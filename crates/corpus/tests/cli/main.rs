//! Integration tests of the `corpus` command: generated archives and the benchmark floor, run as
//! the benchmarks run them.

mod floor;
mod generate;
mod support;
