//! What makes two sources' reports the same report: their HMICFRS addresses, normalised, or
//! else their titles and publication dates.

use crate::dates::Date;

/// The host HMICFRS reports are published under, whichever of its forms an office wrote.
const HMICFRS_HOST: &str = "justiceinspectorates.gov.uk";

/// A report's HMICFRS address as a key that is the same for every way of writing it: the
/// scheme (`http`/`https`), `www.`, a query, a fragment and a trailing `/` make no difference,
/// and `hmicfrs.justiceinspectorates.gov.uk/x` is `www.justiceinspectorates.gov.uk/hmicfrs/x`.
/// Other hosts are kept as they are (less scheme, query, fragment and trailing `/`). `None` for
/// text that is not an address.
pub fn report_address_key(address: &str) -> Option<String> {
    let url = url::Url::parse(address.trim()).ok()?;
    let host = url.host_str()?.trim_end_matches('.');
    let host = host.strip_prefix("www.").unwrap_or(host);
    let path = url.path().trim_end_matches('/');
    let key = match host.strip_suffix(HMICFRS_HOST) {
        Some("hmicfrs.") => format!("{HMICFRS_HOST}/hmicfrs{path}"),
        Some("") => format!("{HMICFRS_HOST}{path}"),
        _ => format!("{host}{path}"),
    };
    // A path written with capitals or escapes in another case is the same page on HMICFRS's
    // server: compare case-insensitively.
    Some(key.to_lowercase())
}

/// A title and publication date, for matching reports that have no address.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TitleKey {
    pub title: String,
    pub published: Date,
}

/// The title as compared: case, punctuation other than letters and digits, and runs of spaces
/// make no difference ("PEEL 2021/22: Kent" is "peel 2021 22 kent").
pub fn title_key(title: &str, published: Date) -> TitleKey {
    let mut words = String::with_capacity(title.len());
    for word in title
        .split(|c: char| !c.is_alphanumeric())
        .filter(|word| !word.is_empty())
    {
        if !words.is_empty() {
            words.push(' ');
        }
        words.extend(word.chars().flat_map(char::to_lowercase));
    }
    TitleKey {
        title: words,
        published,
    }
}
