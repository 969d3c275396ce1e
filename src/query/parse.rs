//! The filter syntax: `term` (all must match in one paragraph), `"exact phrase"`,
//! `-excluded` (term or phrase), `@entity` (or `@"two words"`).

use std::fmt;

use crate::text::tokenize;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Clause {
    /// A folded term, expanded fuzzily against the vocabulary.
    Term(String),
    /// Folded terms that must occur consecutively, exactly.
    Phrase(Vec<String>),
    /// Paragraphs containing this folded term or phrase are dropped.
    Exclude(Vec<String>),
    /// Paragraphs mentioning the entity best matching this name.
    Entity(String),
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query {
    pub clauses: Vec<Clause>,
}

impl Query {
    pub fn parse(input: &str) -> Query {
        let mut clauses = Vec::new();
        let mut rest = input.trim_start();
        while !rest.is_empty() {
            let (negated, body) = match rest.strip_prefix('-') {
                Some(b) if !b.is_empty() && !b.starts_with(char::is_whitespace) => (true, b),
                _ => (false, rest),
            };
            let (entity, body) = match body.strip_prefix('@') {
                Some(b) if !negated => (true, b),
                _ => (false, body),
            };
            let (word, is_quoted, after) = take_word(body);
            rest = after.trim_start();
            if entity {
                // Quotes only delimit a name; one left inside (`@a"b`) has no way
                // to be written back, so it is dropped.
                let name = word
                    .split(|c: char| c.is_whitespace() || c == '"')
                    .filter(|w| !w.is_empty())
                    .collect::<Vec<_>>()
                    .join(" ");
                if !name.is_empty() {
                    clauses.push(Clause::Entity(name));
                }
                continue;
            }
            let terms: Vec<String> = tokenize(word).into_iter().map(|t| t.term).collect();
            if terms.is_empty() {
                continue;
            }
            if negated {
                clauses.push(Clause::Exclude(terms));
            } else if is_quoted && terms.len() > 1 {
                clauses.push(Clause::Phrase(terms));
            } else if is_quoted {
                // A quoted single word is exact: a one-term phrase.
                clauses.push(Clause::Phrase(terms));
            } else {
                clauses.extend(terms.into_iter().map(Clause::Term));
            }
        }
        Query { clauses }
    }

    pub fn is_empty(&self) -> bool {
        self.clauses.is_empty()
    }

    /// True when some clause selects paragraphs (not only exclusions).
    pub fn has_positive(&self) -> bool {
        self.clauses
            .iter()
            .any(|c| !matches!(c, Clause::Exclude(_)))
    }
}

/// The next word or quoted phrase; returns it, whether it was quoted, and the rest.
fn take_word(s: &str) -> (&str, bool, &str) {
    if let Some(inner) = s.strip_prefix('"') {
        return match inner.find('"') {
            Some(end) => (&inner[..end], true, &inner[end + 1..]),
            // An unclosed quote while typing: the phrase runs to the end.
            None => (inner, true, ""),
        };
    }
    let end = s.find(char::is_whitespace).unwrap_or(s.len());
    (&s[..end], false, &s[end..])
}

impl fmt::Display for Query {
    /// The canonical text of a query; parsing it gives the same query back.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, clause) in self.clauses.iter().enumerate() {
            if i > 0 {
                f.write_str(" ")?;
            }
            match clause {
                Clause::Term(t) => f.write_str(t)?,
                Clause::Phrase(ts) => write!(f, "\"{}\"", ts.join(" "))?,
                Clause::Exclude(ts) if ts.len() == 1 => write!(f, "-{}", ts[0])?,
                Clause::Exclude(ts) => write!(f, "-\"{}\"", ts.join(" "))?,
                Clause::Entity(name) if name.contains(' ') || name.contains('"') => {
                    write!(f, "@\"{}\"", name.replace('"', ""))?
                }
                Clause::Entity(name) => write!(f, "@{name}")?,
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> Clause {
        Clause::Term(s.into())
    }

    #[test]
    fn terms_phrases_exclusions_entities() {
        let q =
            Query::parse(r#"kerry  "Proxy War" -syria @soleimani @"Nouri al-Maliki" -"civil war""#);
        assert_eq!(
            q.clauses,
            vec![
                t("kerry"),
                Clause::Phrase(vec!["proxy".into(), "war".into()]),
                Clause::Exclude(vec!["syria".into()]),
                Clause::Entity("soleimani".into()),
                Clause::Entity("Nouri al-Maliki".into()),
                Clause::Exclude(vec!["civil".into(), "war".into()]),
            ]
        );
    }

    #[test]
    fn hyphenated_words_become_terms_and_lone_signs_are_ignored() {
        assert_eq!(
            Query::parse("al-Maliki - @").clauses,
            vec![t("al"), t("maliki")]
        );
    }

    #[test]
    fn unclosed_quote_runs_to_end() {
        assert_eq!(
            Query::parse("\"proxy wa").clauses,
            vec![Clause::Phrase(vec!["proxy".into(), "wa".into()])]
        );
    }

    #[test]
    fn stray_quotes_inside_an_entity_name_round_trip() {
        let q = Query::parse(r#"@a"b c"#);
        assert_eq!(q.clauses[0], Clause::Entity("a b".into()));
        assert_eq!(Query::parse(&q.to_string()), q);
    }

    #[test]
    fn display_round_trips() {
        let q = Query::parse(r#"Iran's "proxy war" -syria @"Qasem Soleimani" @isis"#);
        assert_eq!(Query::parse(&q.to_string()), q);
    }
}
