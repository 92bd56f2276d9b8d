//! The fixed parts of the site: `config.toml`, the themes and `themes.toml`, and the pages.

use std::fmt::Write as _;

use super::body::Body;
use super::plan::Plan;
use super::rng::{Rng, STREAM_PAGE};
use super::words::quote;

/// Its first line still names the command that wrote it before the generator left scrutiny's
/// binary: the same seed gives the same bytes as it always has.
pub(super) const CONFIG: &str = r#"# A generated archive (scrutiny generate), for benchmarks and tests.
title = "HMICFRS inspections and our responses"
base_url = "https://www.example.org/hmicfrs/"
language = "en-GB"
organisation = "Police, Fire and Crime Commissioner for Essex"
force = "Essex Police"
theme = "default"

[deadline]
days = 56
from = 2017-05-02
"#;

/// (slug, title, description, topics used in report titles).
pub(super) const BASE_THEMES: &[(&str, &str, &str, &[&str])] = &[
    (
        "serious-organised-crime",
        "Serious and organised crime",
        "How the police and regional organised crime units tackle and disrupt serious and organised crime.",
        &[
            "the police response to serious and organised crime",
            "how regional organised crime units disrupt organised crime groups",
            "the police approach to modern slavery and human trafficking",
        ],
    ),
    (
        "serious-violence",
        "Serious violence",
        "Serious violence, including serious youth violence, and the partnership work of violence reduction units.",
        &[
            "how well the police tackle serious youth violence",
            "the police contribution to violence reduction units",
            "the police response to knife crime",
        ],
    ),
    (
        "roads-policing",
        "Roads policing",
        "Enforcement, casualty reduction and the roads policing workforce.",
        &["roads policing", "how the police tackle dangerous driving"],
    ),
    (
        "county-lines",
        "County lines",
        "Drug dealing networks that cross police force boundaries, and the vulnerable people they exploit.",
        &[
            "how well the police tackle county lines drug dealing",
            "the exploitation of children by county lines gangs",
        ],
    ),
    (
        "vulnerability",
        "Vulnerability and safeguarding",
        "How the police protect vulnerable people, support victims and safeguard children and adults at risk.",
        &[
            "the police response to people with mental ill health",
            "how the police protect vulnerable people",
            "the police response to missing people",
        ],
    ),
    (
        "fire-and-rescue",
        "Fire and rescue",
        "Inspections of fire and rescue services, including Essex County Fire and Rescue Service.",
        &[
            "the effectiveness and efficiency of fire and rescue services",
            "values and culture in fire and rescue services",
        ],
    ),
    (
        "police-effectiveness",
        "Police effectiveness, efficiency and legitimacy (PEEL)",
        "HMICFRS's PEEL inspections of how effective, efficient and legitimate police forces are.",
        &[
            "police effectiveness, efficiency and legitimacy",
            "how forces understand and manage demand",
        ],
    ),
    (
        "custody",
        "Custody",
        "The treatment and conditions of people detained in police custody.",
        &[
            "police custody suites",
            "the treatment of children in police custody",
        ],
    ),
    (
        "domestic-abuse",
        "Domestic abuse",
        "How the police respond to domestic abuse, coercive control and stalking.",
        &[
            "the police response to domestic abuse",
            "the use of domestic violence protection orders",
            "the police response to stalking and harassment",
        ],
    ),
    (
        "violence-against-women-and-girls",
        "Violence against women and girls",
        "How the police and partners tackle violence against women and girls.",
        &[
            "the police engagement with women and girls",
            "how the police investigate rape and serious sexual offences",
        ],
    ),
    (
        "child-protection",
        "Child protection",
        "How the police protect children, including from online sexual abuse and exploitation.",
        &[
            "the police response to child sexual exploitation",
            "online child sexual abuse investigations",
        ],
    ),
    (
        "digital-forensics",
        "Digital forensics and cyber crime",
        "Digital evidence, forensic services and the response to cyber-dependent crime.",
        &[
            "how the police use digital forensics",
            "the police response to cyber-dependent crime",
            "the police response to fraud",
        ],
    ),
    (
        "counter-terrorism",
        "Counter-terrorism",
        "Counter-terrorism policing, Prevent and the protection of the public from terrorism.",
        &[
            "counter-terrorism policing",
            "the police contribution to Prevent",
        ],
    ),
    (
        "workforce",
        "Workforce, vetting and misconduct",
        "Recruitment, vetting, wellbeing, professional standards and misconduct.",
        &[
            "vetting, misconduct and misogyny in the police service",
            "the police uplift programme",
            "how forces deal with corruption",
        ],
    ),
    (
        "crime-data-integrity",
        "Crime data integrity",
        "Whether crimes reported to the police are recorded accurately and on time.",
        &["crime data integrity", "the accuracy of crime recording"],
    ),
];

pub(super) const PAGES: &[(&str, &str, &str)] = &[
    (
        "about",
        "About this archive",
        "What this archive holds, the 56-day duty to respond to HMICFRS reports, and how we work out deadlines and statuses.",
    ),
    (
        "accessibility",
        "Accessibility statement",
        "How accessible this website is, and how to ask for information in another format.",
    ),
    (
        "contact",
        "Contact us",
        "How to contact the office of the Police, Fire and Crime Commissioner about this archive.",
    ),
];

pub(super) struct ThemePlan {
    pub(super) slug: String,
    pub(super) title: String,
    description: String,
    /// Index into `BASE_THEMES`, for title topics.
    pub(super) base: usize,
}

impl Plan {
    pub(super) fn themes_toml(&self) -> String {
        let mut out = String::from("# The subjects that reports can be filed under (generated).\n");
        for theme in &self.themes {
            let _ = write!(
                out,
                "\n[{}]\ntitle = {}\ndescription = {}\n",
                theme.slug,
                quote(&theme.title),
                quote(&theme.description)
            );
        }
        out
    }

    pub(super) fn page_file(&self, index: usize, title: &str, summary: &str) -> String {
        let mut rng = Rng::for_item(self.seed, STREAM_PAGE, index);
        let mut out = format!(
            "+++\ntitle = {}\nsummary = {}\nupdated = 2024-11-01\n+++\n",
            quote(title),
            quote(summary)
        );
        let words = rng.between(300, 1500);
        let mut body = Body::new(&mut rng, words);
        let themes: Vec<&ThemePlan> = self.themes.iter().take(1).collect();
        body.line(summary);
        while body.wants(1.0) {
            body.heading(body_heading(body.headings));
            body.paragraph(&themes);
            if body.rng.percent(40) {
                body.bullet_list();
            }
        }
        out.push_str(&body.text);
        out
    }
}

pub(super) fn theme_plans(count: usize) -> Vec<ThemePlan> {
    (0..count)
        .map(|index| {
            let base = index % BASE_THEMES.len();
            let round = index / BASE_THEMES.len();
            let (slug, title, description, _) = BASE_THEMES[base];
            if round == 0 {
                ThemePlan {
                    slug: slug.into(),
                    title: title.into(),
                    description: description.into(),
                    base,
                }
            } else {
                ThemePlan {
                    slug: format!("{slug}-{}", round + 1),
                    title: format!("{title} ({})", round + 1),
                    description: description.into(),
                    base,
                }
            }
        })
        .collect()
}

fn body_heading(index: usize) -> &'static str {
    const HEADINGS: &[&str] = &[
        "What this archive holds",
        "How we work out deadlines",
        "Open data",
        "Using this website",
        "Reporting a problem",
        "What we are doing to improve",
        "Other formats",
        "Getting in touch",
    ];
    HEADINGS[index % HEADINGS.len()]
}
