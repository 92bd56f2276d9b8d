//! The word lists and realistic names the text is made of, and how words are cased and quoted.

use std::fmt::Write as _;

use crate::dates::Date;

const HOME_SECRETARIES: &[(Date, &str)] = &[
    (
        Date::constant(2010, 5, 12),
        "Rt Hon Theresa May MP, Home Secretary",
    ),
    (
        Date::constant(2016, 7, 13),
        "Rt Hon Amber Rudd MP, Home Secretary",
    ),
    (
        Date::constant(2018, 4, 30),
        "Rt Hon Sajid Javid MP, Home Secretary",
    ),
    (
        Date::constant(2019, 7, 24),
        "Rt Hon Priti Patel MP, Home Secretary",
    ),
    (
        Date::constant(2022, 9, 6),
        "Rt Hon Suella Braverman KC MP, Home Secretary",
    ),
    (
        Date::constant(2023, 11, 13),
        "Rt Hon James Cleverly MP, Home Secretary",
    ),
    (
        Date::constant(2024, 7, 5),
        "Rt Hon Yvette Cooper MP, Home Secretary",
    ),
];

pub(super) const ACTIONS: &[&str] = &[
    "make sure that officers record and review risk assessments for every domestic abuse incident",
    "improve the supervision of investigations so that victims are kept informed",
    "make sure the force understands the demand on its control room and answers emergency calls promptly",
    "review how safeguarding referrals are shared with partner agencies",
    "make sure crimes reported to the force are recorded accurately within 24 hours",
    "make sure that all officers and staff have been vetted to the appropriate level",
    "improve how the force identifies and supports repeat and vulnerable victims",
    "put in place a plan to reduce the backlog of digital devices awaiting examination",
    "make sure that detained children are not held in police custody overnight unless unavoidable",
    "evaluate the effectiveness of its problem-solving and crime prevention activity",
    "make sure the use of stop and search is fair, effective and recorded properly",
    "improve the way it manages registered sex offenders",
    "develop its understanding of the wellbeing needs of its workforce",
    "make sure it has enough trained detectives to meet its investigative demand",
    "improve the quality of case files submitted to the Crown Prosecution Service",
    "make sure its counter-corruption unit has the capacity to assess intelligence promptly",
    "collect and analyse data on disproportionality in the use of force",
    "review its approach to missing children who are at risk of exploitation",
    "make sure that neighbourhood teams engage with communities that are less likely to trust the police",
    "improve the timeliness of its response to calls for service graded as urgent",
];

pub(super) const SUBJECTS: &[&str] = &[
    "The force",
    "Essex Police",
    "The Commissioner",
    "The Chief Constable",
    "The inspectorate",
    "The Violence and Vulnerability Unit",
    "The neighbourhood policing command",
    "The force control room",
    "The workforce development team",
    "The Performance and Resources Scrutiny Board",
    "The community safety partnership",
    "The professional standards department",
    "The public protection command",
    "The Eastern Region Special Operations Unit",
];

pub(super) const VERBS: &[&str] = &[
    "has reviewed",
    "continues to improve",
    "has strengthened",
    "is developing",
    "has invested in",
    "monitors",
    "has introduced",
    "will evaluate",
    "has prioritised",
    "needs to improve",
    "has made good progress on",
    "is working with partners on",
    "reports quarterly on",
    "has commissioned an independent review of",
];

pub(super) const OBJECTS: &[&str] = &[
    "its response to domestic abuse",
    "the quality of crime recording",
    "the supervision of investigations",
    "the use of stop and search",
    "training for call handlers",
    "its understanding of demand",
    "safeguarding arrangements for vulnerable people",
    "the timeliness of file submissions to the Crown Prosecution Service",
    "the management of registered sex offenders",
    "the use of body-worn video",
    "its wellbeing offer to the workforce",
    "the vetting of new recruits",
    "the outcomes it achieves for victims",
    "its approach to serious youth violence",
    "the backlog of digital forensic examinations",
    "the recording of anti-social behaviour",
    "its use of out-of-court disposals",
    "the attendance times for emergency calls",
    "the support given to victims of rape and serious sexual offences",
    "its partnership work on county lines",
];

pub(super) const CLAUSES: &[&str] = &[
    "",
    "",
    " across all three local policing areas",
    ", and progress is reported to the Chief Officer Group",
    " since the last inspection",
    " in line with College of Policing guidance",
    ", supported by a new performance framework",
    " within the resources available",
    " with partners in health and social care",
    ", as the inspectorate recommended",
    " through the force's continuous improvement board",
    ", which the Commissioner will continue to scrutinise",
    " following the uplift in officer numbers",
];

pub(super) const CRIMES: &[&str] = &[
    "domestic abuse",
    "violence with injury",
    "residential burglary",
    "vehicle crime",
    "stalking and harassment",
    "knife crime",
    "rape",
    "fraud",
    "drug trafficking",
    "anti-social behaviour",
];

pub(super) const NOTES: &[&str] = &[
    "A working group led by a superintendent has been set up and meets monthly.",
    "Revised guidance has been published to all officers and staff.",
    "Training has been delivered to frontline supervisors.",
    "The force has completed an audit, and the results are being analysed.",
    "Progress is reported to the Performance and Resources Scrutiny Board.",
    "The new process has been in place for six months and is being evaluated.",
    "The force has asked HMICFRS to consider this finding for closure.",
    "Work is paused until the national guidance is revised.",
];

pub(super) const LEADS: &[&str] = &[
    "ACC Crime",
    "ACC Local Policing",
    "Head of Public Protection",
    "Head of Professional Standards",
    "Director of Strategic Change",
    "Head of Contact Management",
    "Head of Criminal Justice",
];

pub(super) const AUTHORS: &[&str] = &["Nick Alston", "Roger Hirst", "Jane Gardner"];

pub(super) fn home_secretary(date: Date) -> &'static str {
    HOME_SECRETARIES
        .iter()
        .rev()
        .find(|(from, _)| *from <= date)
        .map(|(_, name)| *name)
        .unwrap_or("Home Secretary")
}

pub(super) fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

pub(super) fn lowercase_first(text: &str) -> String {
    // Proper nouns and initialisms keep their capitals.
    let keep = ["Essex", "PEEL", "HMICFRS"];
    if keep.iter().any(|k| text.starts_with(k)) {
        return text.to_string();
    }
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// `text` as a TOML basic string: quoted, with quotes, backslashes and control characters escaped.
pub(super) fn quote(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_are_quoted_for_toml() {
        assert_eq!(quote("a \"b\" \\ c"), "\"a \\\"b\\\" \\\\ c\"");
        assert_eq!(
            quote("line\nnext\ttab\r\u{7}"),
            "\"line\\nnext\\ttab\\r\\u0007\""
        );
    }
}
