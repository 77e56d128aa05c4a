//! The viewer's layering, checked on its sources: following `crate::tui::` paths, and
//! `super::` paths that leave a module, the viewer's top-level modules form a directed
//! acyclic graph. Unit tests are left out (everything below `#[cfg(test)]`).
//!
//! The sources are read as text: comments and string literals are dropped first (a path
//! in a doc comment or a message is no use), then each path names the top-level module it
//! reaches.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The code of a source file without comments, literals and test items.
fn code_of(src: &str) -> String {
    let src = match src.find("#[cfg(test)]") {
        Some(at) => &src[..at],
        None => src,
    };
    let mut out = String::with_capacity(src.len());
    let mut chars = src.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '/' if chars.peek() == Some(&'/') => {
                for c in chars.by_ref() {
                    if c == '\n' {
                        out.push('\n');
                        break;
                    }
                }
            }
            '"' => {
                let mut escaped = false;
                for c in chars.by_ref() {
                    match (escaped, c) {
                        (false, '\\') => escaped = true,
                        (false, '"') => break,
                        _ => escaped = false,
                    }
                }
                out.push_str("\"\"");
            }
            _ => out.push(c),
        }
    }
    out
}

/// The top-level modules a file's code names, from the file's own module path (`["app",
/// "layers"]` for `app/layers.rs`): every `crate::tui::x`, and every `super::…::x` that
/// leaves the file's top-level module.
fn uses(code: &str, own: &[String]) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    let ident = |c: char| c.is_alphanumeric() || c == '_';
    for (at, _) in code.match_indices("crate::tui::") {
        found.extend(first_segments(&code[at + "crate::tui::".len()..]));
    }
    let mut from = 0;
    while let Some(found_at) = code[from..].find("super::") {
        let start = from + found_at;
        let before = code[..start].chars().next_back();
        let mut rest = &code[start..];
        let mut up = 0;
        while let Some(r) = rest.strip_prefix("super::") {
            rest = r;
            up += 1;
        }
        from = code.len() - rest.len();
        if before.is_some_and(|c| ident(c) || c == ':') {
            continue;
        }
        // Out of the file's top-level module: to one of the viewer's.
        if own.len() == up {
            found.extend(first_segments(rest));
        }
    }
    found
}

/// The first segment of each path of a `use` tree at the start of `tree`: `a::B` gives
/// `a`, `{a::B, b}` gives `a` and `b`.
fn first_segments(tree: &str) -> Vec<String> {
    let head = |s: &str| -> String {
        s.trim_start()
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect()
    };
    let names = match tree.strip_prefix('{') {
        Some(list) => {
            let mut depth = 0;
            let mut entries = vec![String::new()];
            for c in list.chars() {
                match c {
                    '{' => depth += 1,
                    '}' if depth == 0 => break,
                    '}' => depth -= 1,
                    ',' if depth == 0 => {
                        entries.push(String::new());
                        continue;
                    }
                    _ => {}
                }
                if let Some(e) = entries.last_mut() {
                    e.push(c);
                }
            }
            entries.iter().map(|e| head(e)).collect()
        }
        None => vec![head(tree)],
    };
    names
        .into_iter()
        .filter(|n| n != "self" && n.chars().next().is_some_and(|c| c.is_lowercase()))
        .collect()
}

/// Every source file of the viewer, with its module path.
fn sources(dir: &Path, prefix: &[String], out: &mut Vec<(PathBuf, Vec<String>)>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry
            .file_name()
            .to_string_lossy()
            .trim_end_matches(".rs")
            .to_string();
        if path.is_dir() {
            let mut p = prefix.to_vec();
            p.push(name);
            sources(&path, &p, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            let mut p = prefix.to_vec();
            if name != "mod" {
                p.push(name);
            }
            out.push((path, p));
        }
    }
}

/// Which top-level module uses which, with the files that make each edge.
fn graph() -> BTreeMap<String, BTreeMap<String, BTreeSet<String>>> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/tui");
    let mut files = Vec::new();
    sources(&root, &[], &mut files);
    let modules: BTreeSet<String> = files
        .iter()
        .filter_map(|(_, p)| p.first().cloned())
        .collect();
    let mut graph: BTreeMap<String, BTreeMap<String, BTreeSet<String>>> = BTreeMap::new();
    for (path, module) in files {
        let Some(top) = module.first() else {
            // The viewer's own mod.rs: an index of the modules, naming them all.
            continue;
        };
        let src = std::fs::read_to_string(&path).unwrap_or_default();
        for used in uses(&code_of(&src), &module) {
            if used != *top && modules.contains(&used) {
                let file = path
                    .strip_prefix(&root)
                    .unwrap_or(&path)
                    .display()
                    .to_string();
                graph
                    .entry(top.clone())
                    .or_default()
                    .entry(used)
                    .or_default()
                    .insert(file);
            }
        }
        graph.entry(top.clone()).or_default();
    }
    graph
}

/// A cycle of the graph, if any, as the modules along it.
fn cycle(graph: &BTreeMap<String, BTreeMap<String, BTreeSet<String>>>) -> Option<Vec<String>> {
    fn visit(
        node: &str,
        graph: &BTreeMap<String, BTreeMap<String, BTreeSet<String>>>,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(at) = path.iter().position(|n| n == node) {
            let mut cycle = path[at..].to_vec();
            cycle.push(node.to_string());
            return Some(cycle);
        }
        if done.contains(node) {
            return None;
        }
        path.push(node.to_string());
        for next in graph.get(node).into_iter().flat_map(|e| e.keys()) {
            if let Some(c) = visit(next, graph, path, done) {
                return Some(c);
            }
        }
        path.pop();
        done.insert(node.to_string());
        None
    }
    let mut done = BTreeSet::new();
    graph
        .keys()
        .find_map(|n| visit(n, graph, &mut Vec::new(), &mut done))
}

#[test]
fn the_viewer_s_modules_form_no_cycle() {
    let graph = graph();
    assert!(graph.len() > 20, "the viewer's modules are read: {graph:?}");
    assert!(
        graph["update"].contains_key("layers") && graph["layers"].contains_key("app"),
        "edges are found: {graph:?}"
    );
    if let Some(cycle) = cycle(&graph) {
        let edges: Vec<String> = cycle
            .windows(2)
            .map(|w| format!("{} -> {} ({:?})", w[0], w[1], graph[&w[0]][&w[1]]))
            .collect();
        panic!("a cycle among the viewer's modules:\n{}", edges.join("\n"));
    }
}

#[test]
fn paths_are_read_as_the_compiler_reads_them() {
    let code = code_of("use crate::tui::{app::App, widgets};\n// crate::tui::nope\nlet s = \"crate::tui::no\";\nsuper::hits::x(); super::super::keymap::Mode;");
    let top = uses(&code, &["layers".into(), "normal".into()]);
    assert_eq!(
        top.into_iter().collect::<Vec<_>>(),
        ["app", "keymap", "widgets"]
    );
    let top = uses(&code_of("use super::hits;"), &["update".into()]);
    assert_eq!(top.into_iter().collect::<Vec<_>>(), ["hits"]);
}
