//! The search index's format: words, postings with precomputed BM25 impacts, and the files
//! (`meta.json`, word shards, document chunks) that `assets/search.js` fetches on demand.
//!
//! Words are runs of Unicode letters and digits (`char::is_alphanumeric`), lower-cased a
//! character at a time, up to [`MAX_WORD`] characters; `search.js` splits queries the same way.
//! On an English site each word is indexed by its Snowball English stem (`rust-stemmers`), so
//! "vetted" and "vetting" are one term; `search.js` stems queries with the same algorithm (the
//! vendored Porter2 stemmer, `assets/porter2.js`), and `tests/site/stems.txt` holds both to the
//! same answers. `meta.json` says which stemmer was used (`"stemmer": "english"`, or none, when
//! words are matched as written and by prefix).
//!
//! A word shard holds a run of words in byte order, each front-coded against the one before:
//! `shared` `suffix_len` `suffix` `doc_count` `postings_len` `postings`, every number an unsigned
//! LEB128 varint; postings are `doc_delta` (varint) `impact` (one byte, 1–255), documents in
//! increasing order. `meta.json` lists each shard's file and first word, and the document chunks.

use rustc_hash::FxHashMap;
use std::fmt::Write as _;

/// Longer "words" (long numbers, pasted identifiers) are not indexed.
pub const MAX_WORD: usize = 40;
/// Documents per chunk file of titles, links and excerpts.
pub const DOCS_PER_CHUNK: usize = 32;
/// A word shard is cut once it holds this many bytes (one very common word may make it larger).
const SHARD_BYTES: usize = 48 * 1024;
const K1: f64 = 1.2;
const B: f64 = 0.75;

/// Splits `text` into index words (see the module documentation), calling `each` with each.
pub fn words(text: &str, mut each: impl FnMut(&str)) {
    let mut word = String::new();
    let mut chars = 0;
    for c in text.chars() {
        if c.is_alphanumeric() {
            if c.is_ascii() {
                word.push(c.to_ascii_lowercase());
            } else {
                word.extend(c.to_lowercase());
            }
            chars += 1;
        } else if !word.is_empty() {
            if chars <= MAX_WORD {
                each(&word);
            }
            word.clear();
            chars = 0;
        }
    }
    if !word.is_empty() && chars <= MAX_WORD {
        each(&word);
    }
}

/// One word's documents so far: `(doc_delta, weighted count)` varint pairs, the first delta 0.
#[derive(Default)]
struct Postings {
    first: u32,
    last: u32,
    count: u32,
    bytes: Vec<u8>,
}

impl Postings {
    fn push(&mut self, doc: u32, tf: u32) {
        if self.count == 0 {
            self.first = doc;
            self.last = doc;
        }
        push_varint(&mut self.bytes, doc - self.last);
        push_varint(&mut self.bytes, tf);
        self.last = doc;
        self.count += 1;
    }

    /// Appends `later`, whose documents all come after this one's.
    fn append(&mut self, later: Postings) {
        if later.count == 0 {
            return;
        }
        if self.count == 0 {
            *self = later;
            return;
        }
        // The first delta of `later` is the single byte 0: replace it.
        push_varint(&mut self.bytes, later.first - self.last);
        self.bytes.extend_from_slice(&later.bytes[1..]);
        self.last = later.last;
        self.count += later.count;
    }

    /// The postings of several words as one term's: each document once, its counts added.
    fn sum(lists: Vec<Postings>) -> Postings {
        let mut pairs: Vec<(u32, u32)> = lists.iter().flat_map(Postings::iter).collect();
        pairs.sort_unstable_by_key(|&(doc, _)| doc);
        let mut sum = Postings::default();
        let mut pairs = pairs.into_iter().peekable();
        while let Some((doc, mut count)) = pairs.next() {
            while let Some(&(next, more)) = pairs.peek()
                && next == doc
            {
                count += more;
                pairs.next();
            }
            sum.push(doc, count);
        }
        sum
    }

    /// `(doc, weighted count)` pairs, in document order.
    fn iter(&self) -> impl Iterator<Item = (u32, u32)> + '_ {
        let mut at = 0;
        let mut doc = self.first;
        std::iter::from_fn(move || {
            if at >= self.bytes.len() {
                return None;
            }
            doc += read_varint(&self.bytes, &mut at);
            let tf = read_varint(&self.bytes, &mut at);
            Some((doc, tf))
        })
    }
}

/// How words become index terms.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stemming {
    /// Snowball English: the site's language is English.
    English,
    /// Words as written, found by prefix (no stemmer for the language: Welsh among them).
    None,
}

impl Stemming {
    /// The stemming for a site's `language` (`en-GB` → English).
    pub fn for_language(language: &str) -> Stemming {
        let primary = language.split(['-', '_']).next().unwrap_or_default();
        if primary.eq_ignore_ascii_case("en") {
            Stemming::English
        } else {
            Stemming::None
        }
    }

    /// The stemmer's name in `meta.json`, for `search.js`.
    fn name(self) -> Option<&'static str> {
        match self {
            Stemming::English => Some("english"),
            Stemming::None => None,
        }
    }

    fn stemmer(self) -> Option<rust_stemmers::Stemmer> {
        match self {
            Stemming::English => Some(rust_stemmers::Stemmer::create(
                rust_stemmers::Algorithm::English,
            )),
            Stemming::None => None,
        }
    }
}

/// The term a word is indexed under.
pub fn term(stemmer: Option<&rust_stemmers::Stemmer>, word: &str) -> Box<str> {
    match stemmer {
        Some(stemmer) => stemmer.stem(word).into(),
        None => word.into(),
    }
}

/// The words of a contiguous run of documents, added one document at a time
/// ([`start`](Builder::start), [`text`](Builder::text)…, [`end`](Builder::end)). Builders of
/// neighbouring runs merge into one, so runs can be indexed on separate threads.
pub struct Builder {
    /// Applied once, to the distinct words, in [`finish`](Builder::finish).
    stemming: Stemming,
    /// Each word's number: its place in `postings` and `counts`.
    ids: FxHashMap<Box<str>, u32>,
    postings: Vec<Postings>,
    /// `(doc, length in weighted words)`, in document order.
    lengths: Vec<(u32, u32)>,
    /// The document being added: its number, length, and each word's weighted count so far
    /// (zero for words it does not have; `touched` lists those it has).
    doc: u32,
    length: u32,
    counts: Vec<u32>,
    touched: Vec<u32>,
}

impl Builder {
    pub fn new(stemming: Stemming) -> Builder {
        Builder {
            stemming,
            ids: FxHashMap::default(),
            postings: Vec::new(),
            lengths: Vec::new(),
            doc: 0,
            length: 0,
            counts: Vec::new(),
            touched: Vec::new(),
        }
    }

    /// Starts document `doc`, which must come after every document this builder has.
    pub fn start(&mut self, doc: u32) {
        self.doc = doc;
        self.length = 0;
    }

    /// Adds text to the current document, each word counting `weight` times. A word never
    /// continues from one call to the next.
    pub fn text(&mut self, text: &str, weight: u32) {
        words(text, |word| self.word(word, weight));
    }

    fn word(&mut self, word: &str, weight: u32) {
        let id = match self.ids.get(word) {
            Some(&id) => id,
            None => {
                let id = self.postings.len() as u32;
                self.ids.insert(word.into(), id);
                self.postings.push(Postings::default());
                self.counts.push(0);
                id
            }
        };
        let count = &mut self.counts[id as usize];
        if *count == 0 {
            self.touched.push(id);
        }
        *count += weight;
        self.length += weight;
    }

    /// Ends the current document.
    pub fn end(&mut self) {
        for id in self.touched.drain(..) {
            let count = std::mem::take(&mut self.counts[id as usize]);
            self.postings[id as usize].push(self.doc, count);
        }
        self.lengths.push((self.doc, self.length));
    }

    /// Merges two builders of neighbouring runs of documents, in either order.
    pub fn merge(mut self, mut other: Builder) -> Builder {
        let self_first = self.lengths.first().map(|&(doc, _)| doc);
        let other_first = other.lengths.first().map(|&(doc, _)| doc);
        match (self_first, other_first) {
            (None, _) => return other,
            (_, None) => return self,
            (Some(a), Some(b)) if b < a => std::mem::swap(&mut self, &mut other),
            _ => {}
        }
        let (mut earlier, mut later) = (self, other);
        for (word, id) in later.ids {
            let postings = std::mem::take(&mut later.postings[id as usize]);
            match earlier.ids.get(&word) {
                Some(&before) => earlier.postings[before as usize].append(postings),
                None => {
                    earlier.ids.insert(word, earlier.postings.len() as u32);
                    earlier.postings.push(postings);
                    earlier.counts.push(0);
                }
            }
        }
        earlier.lengths.extend(later.lengths);
        earlier
    }

    /// The index's files, each handed to `write` as `(path under the index folder, bytes)` as
    /// soon as it is made: word shards and then `meta.json`, given the document chunks
    /// (`chunks`: file names in document order) already written. The first refusal of `write`.
    pub fn finish<E>(
        self,
        document_count: u32,
        chunks: &[String],
        mut write: impl FnMut(String, Vec<u8>) -> Result<(), E>,
    ) -> Result<(), E> {
        let mut lengths = vec![0u32; document_count as usize];
        for (doc, length) in &self.lengths {
            if let Some(slot) = lengths.get_mut(*doc as usize) {
                *slot = *length;
            }
        }
        let average = if lengths.is_empty() {
            1.0
        } else {
            (lengths.iter().map(|&l| f64::from(l)).sum::<f64>() / lengths.len() as f64).max(1.0)
        };
        let n = f64::from(document_count.max(1));
        let best = (1.0 + (n - 0.5) / 1.5).ln() * (K1 + 1.0);
        let stemming = self.stemming;
        let mut postings = self.postings;
        let words: Vec<(Box<str>, Postings)> = self
            .ids
            .into_iter()
            .map(|(word, id)| (word, std::mem::take(&mut postings[id as usize])))
            .collect();
        drop(postings);
        let words = terms(words, stemming);

        let mut shards: Vec<(String, String)> = Vec::new();
        let mut shard: Vec<u8> = Vec::with_capacity(SHARD_BYTES * 2);
        let mut shard_first = String::new();
        let mut previous: &str = "";
        let mut postings_out: Vec<u8> = Vec::new();
        for (word, postings) in &words {
            if shard.is_empty() {
                shard_first = word.to_string();
                previous = "";
            }
            let df = f64::from(postings.count);
            let idf = (1.0 + (n - df + 0.5) / (df + 0.5)).ln();
            postings_out.clear();
            let mut last = 0;
            for (doc, tf) in postings.iter() {
                let tf = f64::from(tf);
                let length = f64::from(lengths.get(doc as usize).copied().unwrap_or(1));
                let raw = idf * tf * (K1 + 1.0) / (tf + K1 * (1.0 - B + B * length / average));
                // Rounded onto 1..=255; the cast saturates.
                let impact = ((raw / best) * 255.0).round().clamp(1.0, 255.0) as u8;
                push_varint(&mut postings_out, doc - last);
                postings_out.push(impact);
                last = doc;
            }
            let shared = common_prefix(previous, word);
            let suffix = &word.as_bytes()[shared..];
            push_varint(&mut shard, shared as u32);
            push_varint(&mut shard, suffix.len() as u32);
            shard.extend_from_slice(suffix);
            push_varint(&mut shard, postings.count);
            push_varint(&mut shard, postings_out.len() as u32);
            shard.extend_from_slice(&postings_out);
            previous = word;
            if shard.len() >= SHARD_BYTES {
                let name = format!("w/{}-{:016x}.bin", shards.len(), fnv(&shard));
                shards.push((name.clone(), std::mem::take(&mut shard_first)));
                write(name, std::mem::take(&mut shard))?;
            }
        }
        if !shard.is_empty() {
            let name = format!("w/{}-{:016x}.bin", shards.len(), fnv(&shard));
            shards.push((name.clone(), shard_first));
            write(name, shard)?;
        }
        let meta = serde_json::json!({
            "version": 1,
            "documents": document_count,
            "docs_per_chunk": DOCS_PER_CHUNK,
            "max_word": MAX_WORD,
            "stemmer": self.stemming.name(),
            "chunks": chunks,
            "shards": shards.iter().map(|(file, first)| serde_json::json!([first, file])).collect::<Vec<_>>(),
        });
        write("meta.json".into(), meta.to_string().into_bytes())
    }
}

/// The index's terms in byte order, each with its postings: the words themselves, or, with a
/// stemmer, their stems, the postings of the words that share a stem added together.
fn terms(words: Vec<(Box<str>, Postings)>, stemming: Stemming) -> Vec<(Box<str>, Postings)> {
    let Some(stemmer) = stemming.stemmer() else {
        let mut words = words;
        words.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        return words;
    };
    let mut stemmed: Vec<(Box<str>, Postings)> = words
        .into_iter()
        .map(|(word, postings)| (term(Some(&stemmer), &word), postings))
        .collect();
    stemmed.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    let mut terms: Vec<(Box<str>, Postings)> = Vec::with_capacity(stemmed.len());
    let mut group: Vec<Postings> = Vec::new();
    let mut stemmed = stemmed.into_iter().peekable();
    while let Some((stem, postings)) = stemmed.next() {
        group.push(postings);
        if stemmed.peek().is_some_and(|(next, _)| *next == stem) {
            continue;
        }
        let merged = if group.len() == 1 {
            group.pop().unwrap_or_default()
        } else {
            Postings::sum(std::mem::take(&mut group))
        };
        terms.push((stem, merged));
    }
    terms
}

/// Bytes the two words share at the start, cut at a character boundary.
fn common_prefix(a: &str, b: &str) -> usize {
    let mut shared = a.bytes().zip(b.bytes()).take_while(|(x, y)| x == y).count();
    while !b.is_char_boundary(shared) {
        shared -= 1;
    }
    shared
}

fn push_varint(out: &mut Vec<u8>, mut value: u32) {
    while value >= 0x80 {
        out.push((value as u8 & 0x7f) | 0x80);
        value >>= 7;
    }
    out.push(value as u8);
}

fn read_varint(bytes: &[u8], at: &mut usize) -> u32 {
    let mut value = 0u32;
    let mut shift = 0;
    while let Some(&byte) = bytes.get(*at) {
        *at += 1;
        value |= u32::from(byte & 0x7f) << shift;
        if byte & 0x80 == 0 {
            break;
        }
        shift += 7;
    }
    value
}

/// FNV-1a, 64 bits: names files by their contents, so a browser never mixes a cached shard of
/// an old index with a new one.
pub fn fnv(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

/// The chunk file for documents `[start, start + DOCS_PER_CHUNK)`, given their JSON values.
pub fn chunk_file(index: usize, json: &str) -> String {
    let mut name = String::new();
    let _ = write!(name, "d/{index}-{:016x}.json", fnv(json.as_bytes()));
    name
}

/// A word shard's words and their `(doc, impact)` postings, as `search.js` reads them.
#[cfg(test)]
pub fn decode_shard(bytes: &[u8]) -> Vec<(String, Vec<(u32, u8)>)> {
    let mut words = Vec::new();
    let mut previous: Vec<u8> = Vec::new();
    let mut at = 0;
    while at < bytes.len() {
        let shared = read_varint(bytes, &mut at) as usize;
        let length = read_varint(bytes, &mut at) as usize;
        let mut word = previous[..shared].to_vec();
        word.extend_from_slice(&bytes[at..at + length]);
        at += length;
        let count = read_varint(bytes, &mut at);
        let end = read_varint(bytes, &mut at) as usize + at;
        let mut doc = 0;
        let mut postings = Vec::new();
        while at < end {
            doc += read_varint(bytes, &mut at);
            postings.push((doc, bytes[at]));
            at += 1;
        }
        assert_eq!(postings.len(), count as usize);
        words.push((String::from_utf8_lossy(&word).into_owned(), postings));
        previous = word;
    }
    words
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<String> {
        let mut out = Vec::new();
        words(text, |w| out.push(w.to_string()));
        out
    }

    #[test]
    fn words_are_lower_cased_runs_of_letters_and_digits() {
        assert_eq!(
            split("The Force's 2024 body-worn ÉTUDE, naïve!"),
            [
                "the", "force", "s", "2024", "body", "worn", "étude", "naïve"
            ]
        );
        let long = "x".repeat(MAX_WORD + 1);
        assert_eq!(split(&format!("a {long} b")), ["a", "b"]);
    }

    #[test]
    fn varints_round_trip() {
        let mut bytes = Vec::new();
        for value in [0, 1, 127, 128, 300, u32::MAX] {
            push_varint(&mut bytes, value);
        }
        let mut at = 0;
        let read: Vec<u32> = (0..6).map(|_| read_varint(&bytes, &mut at)).collect();
        assert_eq!(read, [0, 1, 127, 128, 300, u32::MAX]);
    }

    fn add(builder: &mut Builder, doc: u32, text: &str, weight: u32) {
        builder.start(doc);
        builder.text(text, weight);
        builder.end();
    }

    fn runs() -> (Builder, Builder) {
        let mut a = Builder::new(Stemming::None);
        add(&mut a, 0, "alpha beta", 1);
        add(&mut a, 1, "beta", 2);
        let mut b = Builder::new(Stemming::None);
        add(&mut b, 2, "beta gamma", 1);
        add(&mut b, 300, "beta", 1);
        (a, b)
    }

    fn postings(builder: &Builder, word: &str) -> Vec<(u32, u32)> {
        builder.ids.get(word).map_or_else(Vec::new, |&id| {
            builder.postings[id as usize].iter().collect()
        })
    }

    #[test]
    fn builders_of_neighbouring_runs_merge_in_document_order() {
        let (a, b) = runs();
        let (c, d) = runs();
        for merged in [a.merge(b), d.merge(c)] {
            assert_eq!(
                postings(&merged, "beta"),
                [(0, 1), (1, 2), (2, 1), (300, 1)]
            );
            assert_eq!(postings(&merged, "gamma"), [(2, 1)]);
            assert_eq!(postings(&merged, "alpha"), [(0, 1)]);
            assert_eq!(merged.lengths, [(0, 2), (1, 2), (2, 2), (300, 1)]);
        }
    }

    #[test]
    fn shards_front_code_words_in_order() {
        let mut builder = Builder::new(Stemming::None);
        add(&mut builder, 0, "inspect inspection", 1);
        add(&mut builder, 1, "inspection", 1);
        let mut files = Vec::new();
        let written = builder.finish(2, &["d/0-x.json".into()], |name, bytes| {
            files.push((name, bytes));
            Ok::<(), std::convert::Infallible>(())
        });
        assert!(written.is_ok());
        let (name, shard) = &files[0];
        assert!(name.starts_with("w/0-"));
        // "inspect": shared 0, 7 bytes, 1 doc, 2 bytes of postings (doc 0, impact).
        assert_eq!(&shard[..10], b"\x00\x07inspect\x01");
        assert_eq!(shard[10], 2);
        // "inspection": shares 7 bytes, adds "ion", in 2 documents.
        assert_eq!(&shard[13..19], b"\x07\x03ion\x02");
        let meta = &files[1];
        assert_eq!(meta.0, "meta.json");
        let meta: serde_json::Value = serde_json::from_slice(&meta.1).unwrap_or_default();
        assert_eq!(meta["shards"][0][0], "inspect");
        assert_eq!(meta["documents"], 2);
    }
}

/// The stems `search.js` must agree with: `tests/site/stems.txt` holds words of the real archive
/// and hard cases with their Snowball English stems; the browser suite checks the vendored
/// Porter2 stemmer against the same file. `SCRUTINY_WRITE_STEMS=1` writes the file afresh.
#[cfg(test)]
mod stems {
    use super::*;
    use std::collections::BTreeSet;
    use std::path::Path;

    const HARD_CASES: &[&str] = &[
        "vetted",
        "vetting",
        "vets",
        "inspection",
        "inspections",
        "inspected",
        "inspector",
        "policing",
        "police",
        "generously",
        "generous",
        "arguing",
        "argued",
        "consistency",
        "skies",
        "sky",
        "dying",
        "lying",
        "news",
        "communities",
        "community",
        "recommendation",
        "recommendations",
        "recommended",
        "exceeding",
        "succeeding",
        "proceedings",
        "gently",
        "knightly",
        "reliability",
        "organisational",
        "organisation",
        "owed",
        "hopping",
        "failing",
        "fizzed",
        "effectiveness",
        "efficiency",
        "legitimacy",
        "safeguarding",
        "victims",
        "offenders",
        "offending",
        "cautiously",
        "tried",
        "ties",
        "cries",
        "gas",
        "this",
        "kiwis",
        "andes",
        "atlas",
        "cosmos",
        "bias",
        "howe",
        "skis",
        "ugly",
        "early",
        "only",
        "singly",
        "importantly",
        "crime",
        "crimes",
        "criminal",
        "criminally",
        "arrests",
        "arrested",
        "arresting",
        "feed",
        "agreed",
        "bleed",
        "commun",
        "universal",
        "universe",
        "university",
        "generate",
        "generation",
        "2024",
        "r3",
        "afi12",
        "naïve",
    ];

    fn expected_file() -> std::path::PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/site/stems.txt")
    }

    fn archive_words() -> BTreeSet<String> {
        let mut found: BTreeSet<String> = HARD_CASES.iter().map(|w| w.to_string()).collect();
        let content = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
        for entry in walkdir::WalkDir::new(content).sort_by_file_name() {
            let Ok(entry) = entry else { continue };
            if entry.path().extension().is_some_and(|e| e == "md") {
                let text = std::fs::read_to_string(entry.path()).unwrap_or_default();
                words(&text, |word| {
                    if word.len() >= 3 {
                        found.insert(word.to_string());
                    }
                });
            }
        }
        found
    }

    #[test]
    fn english_stems_agree_with_the_shared_list() {
        let stemmer = Stemming::English.stemmer();
        let made: String = archive_words()
            .iter()
            .map(|word| format!("{word} {}\n", term(stemmer.as_ref(), word)))
            .collect();
        if std::env::var_os("SCRUTINY_WRITE_STEMS").is_some() {
            std::fs::write(expected_file(), &made).unwrap_or_else(|e| panic!("write: {e}"));
        }
        let expected = std::fs::read_to_string(expected_file()).unwrap_or_default();
        for line in expected.lines() {
            let (word, stem) = line.split_once(' ').unwrap_or((line, ""));
            assert_eq!(&*term(stemmer.as_ref(), word), stem, "the stem of {word}");
        }
        assert!(
            expected.lines().count() > 500,
            "the list is the archive's words"
        );
    }

    #[test]
    fn other_forms_of_an_english_word_are_one_term() {
        let mut builder = Builder::new(Stemming::English);
        add(&mut builder, 0, "Vetting was inspected vetted", 1);
        add(&mut builder, 1, "vetted inspections", 1);
        let words: Vec<(Box<str>, Postings)> = builder
            .ids
            .iter()
            .map(|(word, &id)| {
                (
                    word.clone(),
                    std::mem::take(&mut builder.postings[id as usize]),
                )
            })
            .collect();
        let terms: Vec<(String, Vec<(u32, u32)>)> = terms(words, Stemming::English)
            .into_iter()
            .map(|(term, postings)| (term.to_string(), postings.iter().collect()))
            .collect();
        assert_eq!(
            terms,
            [
                ("inspect".to_string(), vec![(0, 1), (1, 1)]),
                ("vet".to_string(), vec![(0, 2), (1, 1)]),
                ("was".to_string(), vec![(0, 1)]),
            ]
        );
        assert_eq!(Stemming::for_language("en-GB"), Stemming::English);
        assert_eq!(Stemming::for_language("cy"), Stemming::None);
    }

    fn add(builder: &mut Builder, doc: u32, text: &str, weight: u32) {
        builder.start(doc);
        builder.text(text, weight);
        builder.end();
    }
}
