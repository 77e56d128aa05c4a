//! The core's layering, checked on its sources: following `crate::` (and `super::` out of a
//! top-level module) paths, the top-level modules form a directed acyclic graph, and nothing
//! imports `i18n`, which words the domain from above. Unit tests are left out: a test may
//! load the sample through `load` from anywhere.
//!
//! The sources are read as text, as a reviewer would grep them: comments, strings and
//! `#[cfg(test)]` items are blanked first, then every `crate::a…` or `crate::{a…, b…}` names
//! the modules `a` and `b`.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Which top-level module uses which, with the files that make each edge.
type Graph = BTreeMap<String, BTreeMap<String, BTreeSet<String>>>;

/// The source text with comments, string and character literals blanked (so that a path in
/// a doc comment or a message is not taken for a use).
fn code_only(src: &str) -> String {
    let chars: Vec<char> = src.chars().collect();
    let mut out = String::with_capacity(src.len());
    let mut i = 0;
    let at = |i: usize| chars.get(i).copied().unwrap_or('\0');
    while i < chars.len() {
        let c = chars[i];
        if c == '/' && at(i + 1) == '/' {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
        } else if c == '/' && at(i + 1) == '*' {
            let mut depth = 0;
            while i < chars.len() {
                if chars[i] == '/' && at(i + 1) == '*' {
                    depth += 1;
                    i += 2;
                } else if chars[i] == '*' && at(i + 1) == '/' {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    i += 1;
                }
            }
            out.push(' ');
        } else if c == 'r' && matches!(at(i + 1), '"' | '#') && raw_prefix(&chars, i) {
            // A raw string: r"…", r#"…"#, br"…".
            let mut j = i + 1;
            let mut hashes = 0;
            while at(j) == '#' {
                hashes += 1;
                j += 1;
            }
            if at(j) != '"' {
                out.push(c);
                i += 1;
                continue;
            }
            j += 1;
            loop {
                if j >= chars.len() {
                    break;
                }
                if chars[j] == '"' && (0..hashes).all(|k| at(j + 1 + k) == '#') {
                    j += 1 + hashes;
                    break;
                }
                j += 1;
            }
            out.push_str("\"\"");
            i = j;
        } else if c == '"' {
            i += 1;
            while i < chars.len() && chars[i] != '"' {
                i += if chars[i] == '\\' { 2 } else { 1 };
            }
            i += 1;
            out.push_str("\"\"");
        } else if c == '\'' && at(i + 1) == '\\' {
            // '\n', '\'', '\u{a0}'.
            i += 2;
            while i < chars.len() && chars[i] != '\'' {
                i += 1;
            }
            i += 1;
            out.push_str("' '");
        } else if c == '\'' && at(i + 2) == '\'' {
            i += 3;
            out.push_str("' '");
        } else {
            // A lifetime's quote, or code.
            out.push(c);
            i += 1;
        }
    }
    out
}

/// True when the `r` at `i` starts a raw string (`r"`, `br"`), not an identifier's end.
fn raw_prefix(chars: &[char], i: usize) -> bool {
    let before = |k: usize| i.checked_sub(k).map(|j| chars[j]);
    match before(1) {
        Some('b') => !before(2).is_some_and(is_ident),
        Some(c) => !is_ident(c),
        None => true,
    }
}

fn is_ident(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// The code without its `#[cfg(test)]` items (a test module, a helper for tests).
fn without_tests(code: &str) -> String {
    const MARK: &str = "#[cfg(test)]";
    let mut out = String::with_capacity(code.len());
    let mut rest = code;
    while let Some(start) = rest.find(MARK) {
        out.push_str(&rest[..start]);
        let item = &rest[start + MARK.len()..];
        // The item ends at its `;` or at the `}` closing its first block, brackets counted.
        let mut depth = 0i32;
        let mut end = item.len();
        for (k, ch) in item.char_indices() {
            match ch {
                '(' | '[' => depth += 1,
                ')' | ']' => depth -= 1,
                ';' if depth == 0 => {
                    end = k + 1;
                    break;
                }
                '{' => depth += 1,
                '}' => {
                    depth -= 1;
                    if depth == 0 {
                        end = k + 1;
                        break;
                    }
                }
                _ => {}
            }
        }
        rest = &item[end..];
    }
    out.push_str(rest);
    out
}

/// The first segment of each path of a `use` tree or path that starts at `text` (just after
/// `crate::`): `a::B` gives `a`, `{a::B, b}` gives `a` and `b`.
fn first_segments(text: &str) -> Vec<String> {
    let text = text.trim_start();
    if let Some(group) = text.strip_prefix('{') {
        let mut names = Vec::new();
        let mut depth = 0;
        let mut item = String::new();
        for ch in group.chars() {
            match ch {
                '{' => depth += 1,
                '}' if depth == 0 => break,
                '}' => depth -= 1,
                ',' if depth == 0 => {
                    names.extend(leading_ident(&item));
                    item.clear();
                    continue;
                }
                _ => {}
            }
            item.push(ch);
        }
        names.extend(leading_ident(&item));
        names
    } else {
        leading_ident(text).into_iter().collect()
    }
}

fn leading_ident(text: &str) -> Option<String> {
    let ident: String = text
        .trim_start()
        .chars()
        .take_while(|c| is_ident(*c))
        .collect();
    (!ident.is_empty()).then_some(ident)
}

/// The top-level modules each `crate::` (or `super::` up to the crate) path of `code` names.
/// `depth` is how deep the file's module is (`load.rs` 1, `parse/mod.rs` 1, `parse/text.rs` 2).
fn used_modules(code: &str, depth: usize) -> Vec<String> {
    let mut used = Vec::new();
    let bytes = code.as_bytes();
    let mut i = 0;
    while i < code.len() {
        let word_start = i == 0 || !is_ident(code[..i].chars().next_back().unwrap_or(' '));
        if word_start && code[i..].starts_with("crate::") {
            used.extend(first_segments(&code[i + "crate::".len()..]));
            i += "crate::".len();
            continue;
        }
        if word_start && code[i..].starts_with("super::") {
            let mut ups = 0;
            let mut j = i;
            while code[j..].starts_with("super::") {
                ups += 1;
                j += "super::".len();
            }
            if ups == depth {
                used.extend(first_segments(&code[j..]));
            }
            i = j;
            continue;
        }
        i += 1;
        while i < bytes.len() && !code.is_char_boundary(i) {
            i += 1;
        }
    }
    used
}

/// Every `.rs` file under `dir`.
fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The files declared as `#[cfg(test)] mod name;`: unit tests of their own.
fn test_files(files: &[(PathBuf, String)]) -> BTreeSet<PathBuf> {
    let mut tests = BTreeSet::new();
    for (path, code) in files {
        let dir = match path.file_name().and_then(|n| n.to_str()) {
            Some("mod.rs" | "lib.rs") => path.parent().map(Path::to_path_buf),
            _ => Some(path.with_extension("")),
        };
        let Some(dir) = dir else { continue };
        let mut rest = code.as_str();
        while let Some(at) = rest.find("#[cfg(test)]") {
            rest = &rest[at + "#[cfg(test)]".len()..];
            let item = rest.trim_start();
            let item = item.strip_prefix("pub(crate) ").unwrap_or(item);
            let Some(decl) = item.strip_prefix("mod ") else {
                continue;
            };
            let name: String = decl.chars().take_while(|c| is_ident(*c)).collect();
            if decl[name.len()..].trim_start().starts_with(';') {
                tests.insert(dir.join(format!("{name}.rs")));
                tests.insert(dir.join(&name).join("mod.rs"));
            }
        }
    }
    tests
}

/// The graph of the crate's top-level modules, read from `src`.
fn module_graph(src: &Path) -> Graph {
    let mut paths = Vec::new();
    rust_files(src, &mut paths);
    let files: Vec<(PathBuf, String)> = paths
        .into_iter()
        .filter_map(|p| {
            let text = std::fs::read_to_string(&p).ok()?;
            Some((p, code_only(&text)))
        })
        .collect();
    let tests = test_files(&files);
    let mut graph = Graph::new();
    for (path, code) in &files {
        if tests.contains(path) {
            continue;
        }
        let Ok(rel) = path.strip_prefix(src) else {
            continue;
        };
        let parts: Vec<String> = rel
            .iter()
            .map(|p| p.to_string_lossy().into_owned())
            .collect();
        let module = match parts.as_slice() {
            [file] if file == "lib.rs" => continue,
            [file] => file.trim_end_matches(".rs").to_string(),
            [dir, ..] => dir.clone(),
            [] => continue,
        };
        let depth = match parts.last().map(String::as_str) {
            Some("mod.rs") => parts.len() - 1,
            _ => parts.len(),
        };
        let edges = graph.entry(module.clone()).or_default();
        for used in used_modules(&without_tests(code), depth) {
            if used != module && used != "self" {
                edges
                    .entry(used)
                    .or_default()
                    .insert(rel.display().to_string());
            }
        }
    }
    graph
}

/// A cycle of the graph, as the modules along it (the first repeated at the end), if any.
fn find_cycle(graph: &Graph) -> Option<Vec<String>> {
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        Open,
        Done,
    }
    fn visit(
        node: &str,
        graph: &Graph,
        marks: &mut BTreeMap<String, Mark>,
        path: &mut Vec<String>,
    ) -> Option<Vec<String>> {
        match marks.get(node) {
            Some(Mark::Done) => return None,
            Some(Mark::Open) => {
                let from = path.iter().position(|n| n == node).unwrap_or(0);
                let mut cycle = path[from..].to_vec();
                cycle.push(node.to_string());
                return Some(cycle);
            }
            None => {}
        }
        marks.insert(node.to_string(), Mark::Open);
        path.push(node.to_string());
        for next in graph.get(node).into_iter().flat_map(|e| e.keys()) {
            if let Some(cycle) = visit(next, graph, marks, path) {
                return Some(cycle);
            }
        }
        path.pop();
        marks.insert(node.to_string(), Mark::Done);
        None
    }
    let mut marks = BTreeMap::new();
    graph
        .keys()
        .find_map(|node| visit(node, graph, &mut marks, &mut Vec::new()))
}

fn core_graph() -> Graph {
    module_graph(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src"))
}

#[test]
fn the_top_level_modules_form_no_cycle() {
    let graph = core_graph();
    assert!(graph.len() > 10, "the sources were not found: {graph:?}");
    if let Some(cycle) = find_cycle(&graph) {
        let steps: Vec<String> = cycle
            .windows(2)
            .map(|w| format!("  {} -> {} in {:?}", w[0], w[1], graph[&w[0]][&w[1]]))
            .collect();
        panic!(
            "the core's modules form a cycle: {}\n{}",
            cycle.join(" -> "),
            steps.join("\n")
        );
    }
}

#[test]
fn nothing_in_the_domain_imports_i18n() {
    let graph = core_graph();
    let importers: Vec<String> = graph
        .iter()
        .filter_map(|(module, edges)| {
            edges
                .get("i18n")
                .map(|files| format!("{module} ({files:?})"))
        })
        .collect();
    assert!(
        importers.is_empty(),
        "i18n words the domain from above; imported by {importers:?}"
    );
}

#[test]
fn the_reader_sees_every_form_of_path() {
    let code = code_only(
        "use crate::model::Question; // crate::comment\n\
         use crate::{load::{a, b}, parse::Parsed};\n\
         let s = \"crate::string\"; let c = '\"'; fn f<'a>(x: &'a str) {}\n\
         x = crate :: nope; y = super::super::cache::Cache; z = super::text::fold;\n\
         #[cfg(test)]\nmod tests { use crate::review::Foo; }\n\
         #[cfg(test)]\nfn helper() -> Vec<crate::views::View> { crate::views::all() }\n\
         let r = r#\"crate::raw\"#; z = crate::files::open;",
    );
    let used = used_modules(&without_tests(&code), 2);
    assert_eq!(used, ["model", "load", "parse", "cache", "files"]);
    let cycle = find_cycle(&Graph::from([
        ("a".into(), BTreeMap::from([("b".into(), BTreeSet::new())])),
        ("b".into(), BTreeMap::from([("a".into(), BTreeSet::new())])),
    ]));
    assert_eq!(cycle, Some(vec!["a".into(), "b".into(), "a".into()]));
}
