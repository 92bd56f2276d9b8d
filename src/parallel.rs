//! How work is shared between cores: the grain of parallel jobs, and freeing large values in
//! the background. Every stage may use it; it uses nothing of the crate.

/// The most documents or pages one parallel job takes at a time. Rayon splits a job only
/// about as many times as there are threads unless it is stolen, so without a bound the last
/// job of a build can hold thousands of pages on one core while the other waits (about 0.3 s
/// at the end of a 10,000-report build on two cores).
pub(crate) const PARALLEL_GRAIN: usize = 32;

/// Frees `value` on a thread of its own, so that the work after it need not wait: freeing
/// the documents of a large archive one allocation at a time takes a tenth of a second on one
/// core. A process that ends first gives the memory back whole. Only for what is dropped last,
/// or before steps that leave a core idle: memory freed in the background is still held while
/// later steps take more.
pub(crate) fn drop_in_background<T: Send + 'static>(value: T) {
    let spawned = std::thread::Builder::new()
        .name("scrutiny-drop".into())
        .spawn(move || drop(value));
    // Without a thread, the value was dropped with the error: nothing is lost but time.
    drop(spawned);
}
