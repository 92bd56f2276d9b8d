//! Reading built pages, feeds and data the way a browser, a feed reader or a spreadsheet would,
//! to find anything that escaped its context.

use super::tags::tags;

/// `text` as a TOML basic string.
pub fn toml_string(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// `text` escaped the way the pages escape text and attribute values.
pub fn escaped(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

/// Asserts a page has no active content but the theme's own: no element that runs script except
/// JSON-LD and the theme's script files, no frame, `<base>` or refresh, no event handler, no
/// `javascript:` or `data:` address.
pub fn assert_inert(page: &str, html: &str, base_path: &str) {
    for tag in tags(html) {
        match tag.name.as_str() {
            "script" => {
                let json_ld = tag.attribute("type") == Some("application/ld+json");
                let theme_file = tag
                    .attribute("src")
                    .is_some_and(|src| src.starts_with(base_path) && src.ends_with(".js"));
                assert!(
                    json_ld || theme_file,
                    "{page}: a script element that the theme did not write"
                );
            }
            "iframe" | "object" | "embed" | "frame" | "frameset" | "base" | "meta"
                if tag.name != "meta"
                    || tag
                        .attribute("http-equiv")
                        .is_some_and(|v| !v.eq_ignore_ascii_case("content-security-policy")) =>
            {
                panic!(
                    "{page}: a <{}> element that the theme did not write",
                    tag.name
                );
            }
            _ => {}
        }
        for (name, value) in &tag.attributes {
            assert!(
                !name.starts_with("on"),
                "{page}: an event handler `{name}` on <{}>",
                tag.name
            );
            let value = value.trim().to_ascii_lowercase();
            let is_address = matches!(name.as_str(), "href" | "src" | "action" | "formaction");
            assert!(
                !(is_address && (value.starts_with("javascript:") || value.starts_with("data:"))),
                "{page}: a script address in {name} on <{}>",
                tag.name
            );
        }
    }
}

/// The JSON-LD blocks of a page, each parsed.
pub fn json_ld_blocks(page: &str, html: &str) -> Vec<serde_json::Value> {
    let opening = "<script type=\"application/ld+json\">";
    let mut blocks = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find(opening) {
        rest = &rest[start + opening.len()..];
        let end = rest
            .find("</script>")
            .unwrap_or_else(|| panic!("{page}: JSON-LD never closed"));
        let json = &rest[..end];
        assert!(
            !json.to_ascii_lowercase().contains("<script") && !json.contains("<!--"),
            "{page}: markup inside JSON-LD: {json}"
        );
        let value = serde_json::from_str(json)
            .unwrap_or_else(|error| panic!("{page}: JSON-LD does not parse ({error}): {json}"));
        blocks.push(value);
        rest = &rest[end..];
    }
    blocks
}

/// Every string anywhere in a JSON value.
pub fn json_strings(value: &serde_json::Value, out: &mut Vec<String>) {
    match value {
        serde_json::Value::String(text) => out.push(text.clone()),
        serde_json::Value::Array(items) => items.iter().for_each(|item| json_strings(item, out)),
        serde_json::Value::Object(map) => map.values().for_each(|item| json_strings(item, out)),
        _ => {}
    }
}

/// Checks that `xml` is well formed: only characters XML 1.0 allows, tags balance, attribute
/// values are quoted, and every `&` starts a known entity or a character reference. Returns the
/// decoded text of the document.
pub fn well_formed_xml(name: &str, xml: &str) -> String {
    let forbidden = xml.chars().find(|&c| {
        ((c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r'))
            || matches!(c, '\u{FFFE}' | '\u{FFFF}')
    });
    assert!(
        forbidden.is_none(),
        "{name}: a character XML 1.0 does not allow: {forbidden:?}"
    );
    let mut open: Vec<String> = Vec::new();
    let mut text = String::new();
    let mut rest = xml;
    while !rest.is_empty() {
        let Some(start) = rest.find('<') else {
            text.push_str(&decode_entities(name, rest));
            break;
        };
        text.push_str(&decode_entities(name, &rest[..start]));
        rest = &rest[start..];
        if let Some(cdata) = rest.strip_prefix("<![CDATA[") {
            let end = cdata
                .find("]]>")
                .unwrap_or_else(|| panic!("{name}: CDATA never closed"));
            text.push_str(&cdata[..end]);
            rest = &cdata[end + 3..];
            continue;
        }
        let (close, skip) = if rest.starts_with("<?") {
            ("?>", true)
        } else if rest.starts_with("<!--") {
            ("-->", true)
        } else {
            (">", false)
        };
        let end = rest
            .find(close)
            .unwrap_or_else(|| panic!("{name}: a tag is never closed"));
        let tag = &rest[1..end];
        rest = &rest[end + close.len()..];
        if skip {
            continue;
        }
        assert!(!tag.contains('<'), "{name}: `<` inside a tag: <{tag}>");
        if let Some(closing) = tag.strip_prefix('/') {
            let expected = open.pop();
            assert_eq!(
                expected.as_deref(),
                Some(closing.trim()),
                "{name}: </{closing}> closes the wrong element"
            );
            continue;
        }
        let self_closing = tag.ends_with('/');
        let tag = tag.trim_end_matches('/');
        let element = tag.split_whitespace().next().unwrap_or("").to_string();
        assert!(!element.is_empty(), "{name}: an empty tag");
        let attributes = &tag[element.len()..];
        assert_eq!(
            attributes.matches('"').count() % 2,
            0,
            "{name}: unbalanced quotes in <{tag}>"
        );
        decode_entities(name, attributes);
        if !self_closing {
            open.push(element);
        }
    }
    assert!(open.is_empty(), "{name}: elements never closed: {open:?}");
    text
}

fn decode_entities(name: &str, text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp + 1..];
        let end = rest
            .find(';')
            .filter(|&end| end <= 10)
            .unwrap_or_else(|| panic!("{name}: a bare & in {text:?}"));
        let entity = &rest[..end];
        let decoded = match entity {
            "amp" => '&',
            "lt" => '<',
            "gt" => '>',
            "quot" => '"',
            "apos" => '\'',
            _ => {
                let number = entity
                    .strip_prefix("#x")
                    .map(|hex| u32::from_str_radix(hex, 16))
                    .or_else(|| entity.strip_prefix('#').map(str::parse::<u32>))
                    .unwrap_or_else(|| panic!("{name}: unknown entity &{entity};"));
                number
                    .ok()
                    .and_then(char::from_u32)
                    .unwrap_or_else(|| panic!("{name}: bad character reference &{entity};"))
            }
        };
        out.push(decoded);
        rest = &rest[end + 1..];
    }
    out.push_str(rest);
    out
}
