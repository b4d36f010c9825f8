//! The message files: both parse cleanly, hold the same ids (and attributes), and each
//! message uses the same variables in both languages — so no lookup can fall back to
//! English or to the bare id, and no translation silently drops a number or a name.

use fluent_syntax::ast::{Entry, Expression, InlineExpression, Pattern, PatternElement};
use krock::i18n::Lang;
use std::collections::{BTreeMap, BTreeSet};

type Vars = BTreeSet<String>;

fn inline_vars(e: &InlineExpression<&str>, out: &mut Vars) {
    match e {
        InlineExpression::VariableReference { id } => {
            out.insert(id.name.to_string());
        }
        InlineExpression::Placeable { expression } => expr_vars(expression, out),
        InlineExpression::FunctionReference { arguments, .. } => {
            for a in &arguments.positional {
                inline_vars(a, out);
            }
            for n in &arguments.named {
                inline_vars(&n.value, out);
            }
        }
        _ => {}
    }
}

fn expr_vars(e: &Expression<&str>, out: &mut Vars) {
    match e {
        Expression::Inline(i) => inline_vars(i, out),
        Expression::Select { selector, variants } => {
            inline_vars(selector, out);
            for v in variants {
                pattern_vars(&v.value, out);
            }
        }
    }
}

fn pattern_vars(p: &Pattern<&str>, out: &mut Vars) {
    for el in &p.elements {
        if let PatternElement::Placeable { expression } = el {
            expr_vars(expression, out);
        }
    }
}

/// id (or `id.attribute`) → the variables it uses.
fn messages(lang: Lang) -> BTreeMap<String, Vars> {
    let src = lang.source();
    let res = match fluent_syntax::parser::parse(src) {
        Ok(r) => r,
        Err((_, errs)) => panic!("{lang}.ftl does not parse: {errs:?}"),
    };
    let mut out = BTreeMap::new();
    for e in &res.body {
        match e {
            Entry::Message(m) => {
                let mut vars = Vars::new();
                if let Some(v) = &m.value {
                    pattern_vars(v, &mut vars);
                }
                assert!(
                    out.insert(m.id.name.to_string(), vars).is_none(),
                    "{lang}.ftl: {} twice",
                    m.id.name
                );
                for a in &m.attributes {
                    let mut vars = Vars::new();
                    pattern_vars(&a.value, &mut vars);
                    out.insert(format!("{}.{}", m.id.name, a.id.name), vars);
                }
            }
            Entry::Junk { content } => panic!("{lang}.ftl: junk {content:?}"),
            _ => {}
        }
    }
    out
}

#[test]
fn both_languages_have_the_same_messages_with_the_same_variables() {
    let en = messages(Lang::En);
    let sv = messages(Lang::Sv);
    let only_en: Vec<_> = en.keys().filter(|k| !sv.contains_key(*k)).collect();
    let only_sv: Vec<_> = sv.keys().filter(|k| !en.contains_key(*k)).collect();
    assert!(only_en.is_empty(), "missing in sv.ftl: {only_en:?}");
    assert!(only_sv.is_empty(), "missing in en.ftl: {only_sv:?}");
    for (id, vars) in &en {
        assert_eq!(
            vars, &sv[id],
            "{id}: en uses {vars:?}, sv uses {:?}",
            sv[id]
        );
    }
    assert!(en.len() >= 10, "only {} messages", en.len());
}

#[test]
fn every_message_formats_in_both_languages() {
    // Each message, given every variable it uses (as a number and as text), formats
    // without an error and without falling back to its id.
    for lang in Lang::ALL {
        for (id, vars) in messages(lang) {
            for as_number in [true, false] {
                let args: Vec<(&str, krock::i18n::Arg)> = vars
                    .iter()
                    .map(|v| {
                        let a = if as_number {
                            krock::i18n::Arg::Count(2)
                        } else {
                            krock::i18n::Arg::Text("x".into())
                        };
                        (v.as_str(), a)
                    })
                    .collect();
                let out = lang.try_tr(&id, &args);
                assert!(
                    out.as_deref().is_some_and(|s| !s.is_empty()),
                    "{lang}: {id} gave {out:?}"
                );
            }
        }
    }
}
