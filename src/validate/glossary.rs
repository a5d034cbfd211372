//! `content/glossary.yaml`: every term has a short form and a wording in a language the site
//! has, and the short form and each wording hold the same placeholders, so that a match always
//! knows what to put in (`WUF{n}` from "twelfth session of the World Urban Forum").

use super::source::{locate, short};
use super::Validator;
use crate::diagnostics::Diagnostic;
use crate::model::glossary::{Glossary, GlossaryTerm};
use crate::search::tokenize::tokenize;

/// Longer than any name a reader types: a form this long is a paste error.
const MAX_FORM: usize = 200;

impl Validator {
    /// The glossary with its valid terms; an invalid term is reported and left out.
    pub(super) fn glossary(&mut self, g: Glossary) -> Glossary {
        let file = g.file.clone();
        let mut terms = Vec::new();
        for (i, t) in g.terms.into_iter().enumerate() {
            let before = self.diags.len();
            self.glossary_term(&file, i + 1, &t);
            if self.diags.len() == before {
                terms.push(t);
            }
        }
        Glossary { terms, file }
    }

    fn glossary_term(&mut self, file: &std::path::Path, nth: usize, t: &GlossaryTerm) {
        let mut err = |needle: &str, msg: String, hint: &str| {
            let line = locate(file, needle).or_else(|| locate(file, "terms:"));
            self.diags
                .push(Diagnostic::error(file, msg).at(line, None).hint(hint));
        };
        let first = t.short.first().map(String::as_str).unwrap_or("");
        if t.short.is_empty() {
            err(
                "short:",
                format!("term {nth} has no short form"),
                "give what readers type, e.g. `short: [UNFCCC]`",
            );
            return;
        }
        if t.full.is_empty() {
            err(
                first,
                format!("`{}` has no full wording", short(first)),
                "add the wording the report uses per language, e.g. `full: {en: [United Nations Framework Convention on Climate Change]}`",
            );
        }
        let wanted = GlossaryTerm::placeholders(first);
        for s in &t.short {
            self.glossary_form(file, s, &wanted, "short form");
        }
        for (lang, forms) in &t.full {
            if !self.langs.contains(lang) {
                let langs = self.langs.join(", ");
                self.diags.push(
                    Diagnostic::error(
                        file,
                        format!(
                            "`{}` has a wording in `{lang}`, which site.yaml does not list",
                            short(first)
                        ),
                    )
                    .at(locate(file, &format!("{lang}:")), None)
                    .hint(format!("use one of: {langs}")),
                );
            }
            for f in forms {
                self.glossary_form(file, f, &wanted, "wording");
            }
        }
    }

    fn glossary_form(&mut self, file: &std::path::Path, form: &str, wanted: &[&str], what: &str) {
        let line = || locate(file, form).or_else(|| locate(file, "terms:"));
        let problem = if form.trim().is_empty() {
            Some((
                "is empty".to_string(),
                "remove it, or write the form".to_string(),
            ))
        } else if form.chars().count() > MAX_FORM {
            Some((
                format!("is longer than {MAX_FORM} characters"),
                "a glossary form is a name, not a passage".to_string(),
            ))
        } else if GlossaryTerm::placeholders(form) != wanted {
            Some((
                format!(
                    "holds the placeholders {:?} where its first short form holds {:?}",
                    GlossaryTerm::placeholders(form),
                    wanted
                ),
                "every form of a term holds the same placeholders ({n}: a number, {y}: a year), each once".to_string(),
            ))
        } else if wanted.iter().any(|p| form.matches(p).count() > 1) {
            Some((
                "holds a placeholder twice".to_string(),
                "each of {n} and {y} may appear once".to_string(),
            ))
        } else {
            let rest = wanted
                .iter()
                .fold(form.to_string(), |s, p| s.replace(p, " "));
            if rest.contains(['{', '}']) {
                Some((
                    "holds a brace that is not a placeholder".to_string(),
                    "the placeholders are {n} (a number) and {y} (a year)".to_string(),
                ))
            } else if tokenize(&rest).is_empty() {
                Some((
                    "has no word to search for".to_string(),
                    "a form needs at least one word besides its placeholders".to_string(),
                ))
            } else {
                None
            }
        };
        if let Some((msg, hint)) = problem {
            self.diags.push(
                Diagnostic::error(file, format!("the {what} `{}` {msg}", short(form)))
                    .at(line(), None)
                    .hint(hint),
            );
        }
    }
}
