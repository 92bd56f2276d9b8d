//! Numbered page links for a list split over several pages, after the GOV.UK pagination
//! pattern: previous and next, the first and last pages, the current one and its neighbours,
//! and an ellipsis for each gap. Plain links: no JavaScript.

use serde::Serialize;

/// What a template needs to draw the links (`partials/page-numbers.html`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PageNumbers {
    /// The page shown, from 1.
    pub page: usize,
    pub pages: usize,
    pub previous: Option<String>,
    pub next: Option<String>,
    pub items: Vec<PageNumber>,
}

/// A numbered link, or an ellipsis (`number` is `None`) for pages left out.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PageNumber {
    pub number: Option<usize>,
    pub url: Option<String>,
    pub current: bool,
}

impl PageNumbers {
    /// The links from page `page` of `pages`, `url` giving each page's address.
    pub fn new(page: usize, pages: usize, url: impl Fn(usize) -> String) -> PageNumbers {
        let mut items: Vec<PageNumber> = Vec::new();
        let mut last_shown = 0;
        for number in 1..=pages {
            let shown = number == 1 || number == pages || number.abs_diff(page) <= 1;
            if !shown {
                continue;
            }
            if number > last_shown + 1 {
                items.push(PageNumber {
                    number: None,
                    url: None,
                    current: false,
                });
            }
            items.push(PageNumber {
                number: Some(number),
                url: Some(url(number)),
                current: number == page,
            });
            last_shown = number;
        }
        PageNumbers {
            page,
            pages,
            previous: (page > 1).then(|| url(page - 1)),
            next: (page < pages).then(|| url(page + 1)),
            items,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The numbers shown, 0 for an ellipsis.
    fn shown(page: usize, pages: usize) -> Vec<usize> {
        PageNumbers::new(page, pages, |n| n.to_string())
            .items
            .iter()
            .map(|item| item.number.unwrap_or(0))
            .collect()
    }

    #[test]
    fn first_last_current_and_its_neighbours_with_gaps_as_ellipses() {
        assert_eq!(shown(1, 1), vec![1]);
        assert_eq!(shown(1, 2), vec![1, 2]);
        assert_eq!(shown(1, 10), vec![1, 2, 0, 10]);
        assert_eq!(shown(5, 10), vec![1, 0, 4, 5, 6, 0, 10]);
        assert_eq!(shown(3, 10), vec![1, 2, 3, 4, 0, 10]);
        assert_eq!(shown(10, 10), vec![1, 0, 9, 10]);
    }

    #[test]
    fn previous_and_next_only_where_there_is_a_page() {
        let links = PageNumbers::new(1, 3, |n| format!("/p/{n}/"));
        assert_eq!(links.previous, None);
        assert_eq!(links.next.as_deref(), Some("/p/2/"));
        let links = PageNumbers::new(3, 3, |n| format!("/p/{n}/"));
        assert_eq!(links.previous.as_deref(), Some("/p/2/"));
        assert_eq!(links.next, None);
        assert!(
            links
                .items
                .iter()
                .any(|item| item.current && item.number == Some(3))
        );
    }
}
