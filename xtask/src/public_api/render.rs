//! Rustdoc JSON to text: one line per public item, at every path it is reachable at.
//!
//! The JSON is read as plain `serde_json` values rather than through `rustdoc-types`, whose version must match
//! the toolchain's format exactly: unknown kinds render as `<kind>` instead of failing.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{Map, Value};

/// One line per public item of a rustdoc JSON document, sorted and without duplicates.
pub fn render(doc: &Value) -> Vec<String> {
    let empty = Map::new();
    let index = doc["index"].as_object().unwrap_or(&empty);
    let paths = doc["paths"].as_object().unwrap_or(&empty);
    let mut reachable: Vec<(String, String)> = Vec::new();
    let mut extern_uses = Vec::new();
    let root_id = id_key(&doc["root"]);
    let root_name = index
        .get(&root_id)
        .and_then(|item| item["name"].as_str())
        .unwrap_or("crate");
    let mut walked = BTreeSet::new();
    collect(
        index,
        &root_id,
        root_name,
        &mut reachable,
        &mut extern_uses,
        &mut walked,
    );

    // Types are named by their shortest public path, or by rustdoc's path for items of other crates.
    let mut public: BTreeMap<String, String> = BTreeMap::new();
    for (id, path) in &reachable {
        let shorter = public
            .get(id)
            .is_none_or(|known| (path.matches("::").count(), path) < (known.matches("::").count(), known));
        if shorter {
            public.insert(id.clone(), path.clone());
        }
    }
    let names = Names { paths, public: &public };
    let mut lines: BTreeSet<String> = extern_uses.into_iter().collect();
    for (id, path) in &reachable {
        if let Some(item) = index.get(id) {
            render_item(&names, index, item, path, &mut lines);
        }
    }
    lines.into_iter().collect()
}

/// An id of the JSON document as the string key of `index` and `paths`.
fn id_key(id: &Value) -> String {
    match id {
        Value::Number(n) => n.to_string(),
        Value::String(s) => s.clone(),
        _ => String::new(),
    }
}

/// Walks a module: every public item with each path it is reachable at.
fn collect(
    index: &Map<String, Value>,
    module_id: &str,
    prefix: &str,
    reachable: &mut Vec<(String, String)>,
    extern_uses: &mut Vec<String>,
    walked: &mut BTreeSet<(String, String)>,
) {
    if !walked.insert((module_id.to_owned(), prefix.to_owned())) {
        return;
    }
    let Some(items) = index
        .get(module_id)
        .and_then(|m| m["inner"]["module"]["items"].as_array())
    else {
        return;
    };
    for item_id in items.iter().map(id_key) {
        let Some(item) = index.get(&item_id) else { continue };
        if let Some(import) = item["inner"].get("use") {
            let target = id_key(&import["id"]);
            let is_module = index.get(&target).is_some_and(|t| t["inner"].get("module").is_some());
            if import["is_glob"].as_bool() == Some(true) {
                if is_module {
                    collect(index, &target, prefix, reachable, extern_uses, walked);
                }
                continue;
            }
            let path = format!("{prefix}::{}", import["name"].as_str().unwrap_or("_"));
            if index.contains_key(&target) {
                reachable.push((target.clone(), path.clone()));
                if is_module {
                    collect(index, &target, &path, reachable, extern_uses, walked);
                }
            } else {
                extern_uses.push(format!("pub use {path} = {}", import["source"].as_str().unwrap_or("?")));
            }
            continue;
        }
        let Some(name) = item["name"].as_str() else { continue };
        let path = format!("{prefix}::{name}");
        reachable.push((item_id.clone(), path.clone()));
        if item["inner"].get("module").is_some() {
            collect(index, &item_id, &path, reachable, extern_uses, walked);
        }
    }
}

/// How types are named.
struct Names<'a> {
    paths: &'a Map<String, Value>,
    public: &'a BTreeMap<String, String>,
}

impl Names<'_> {
    /// The name of the item `id`, or `fallback` as rustdoc wrote it.
    fn of(&self, id: &Value, fallback: &str) -> String {
        let key = id_key(id);
        if let Some(public) = self.public.get(&key) {
            return public.clone();
        }
        self.paths
            .get(&key)
            .and_then(|summary| summary["path"].as_array())
            .map(|parts| parts.iter().filter_map(Value::as_str).collect::<Vec<_>>().join("::"))
            .filter(|path| !path.is_empty())
            .unwrap_or_else(|| fallback.to_owned())
    }

    /// A path with its generic arguments (`Result<T, E>`, `Fn(u8) -> bool`).
    fn path(&self, path: &Value) -> String {
        let name = self.of(&path["id"], path["path"].as_str().unwrap_or("?"));
        format!("{name}{}", self.args(&path["args"]))
    }

    /// Generic arguments, or nothing.
    fn args(&self, args: &Value) -> String {
        if let Some(angle) = args.get("angle_bracketed") {
            let mut parts: Vec<String> = angle["args"]
                .as_array()
                .into_iter()
                .flatten()
                .map(|arg| self.generic_arg(arg))
                .collect();
            for constraint in angle["constraints"].as_array().into_iter().flatten() {
                let name = format!(
                    "{}{}",
                    constraint["name"].as_str().unwrap_or("?"),
                    self.args(&constraint["args"])
                );
                let binding = &constraint["binding"];
                if let Some(equality) = binding.get("equality") {
                    parts.push(format!("{name} = {}", self.term(equality)));
                } else {
                    parts.push(format!("{name}: {}", self.bounds(&binding["constraint"])));
                }
            }
            if parts.is_empty() {
                String::new()
            } else {
                format!("<{}>", parts.join(", "))
            }
        } else if let Some(paren) = args.get("parenthesized") {
            let inputs: Vec<String> = paren["inputs"]
                .as_array()
                .into_iter()
                .flatten()
                .map(|t| self.ty(t))
                .collect();
            format!("({}){}", inputs.join(", "), self.output(&paren["output"]))
        } else {
            String::new()
        }
    }

    /// One generic argument.
    fn generic_arg(&self, arg: &Value) -> String {
        if let Some(ty) = arg.get("type") {
            self.ty(ty)
        } else if let Some(lifetime) = arg.get("lifetime") {
            lifetime.as_str().unwrap_or("'_").to_owned()
        } else if let Some(constant) = arg.get("const") {
            constant["expr"].as_str().unwrap_or("_").to_owned()
        } else {
            "_".to_owned()
        }
    }

    /// A type or a constant of an equality constraint.
    fn term(&self, term: &Value) -> String {
        if let Some(ty) = term.get("type") {
            self.ty(ty)
        } else {
            term["constant"]["expr"].as_str().unwrap_or("_").to_owned()
        }
    }

    /// ` -> T`, or nothing for unit.
    fn output(&self, output: &Value) -> String {
        if output.is_null() {
            String::new()
        } else {
            format!(" -> {}", self.ty(output))
        }
    }

    /// A type.
    fn ty(&self, ty: &Value) -> String {
        let Some((kind, inner)) = ty.as_object().and_then(|o| o.iter().next()) else {
            return ty.as_str().map_or_else(|| "_".to_owned(), str::to_owned);
        };
        match kind.as_str() {
            "resolved_path" => self.path(inner),
            "generic" | "primitive" => inner.as_str().unwrap_or("?").to_owned(),
            "tuple" => {
                let parts: Vec<String> = inner.as_array().into_iter().flatten().map(|t| self.ty(t)).collect();
                if parts.len() == 1 {
                    format!("({},)", parts[0])
                } else {
                    format!("({})", parts.join(", "))
                }
            }
            "slice" => format!("[{}]", self.ty(inner)),
            "array" => format!(
                "[{}; {}]",
                self.ty(&inner["type"]),
                inner["len"].as_str().unwrap_or("_")
            ),
            "borrowed_ref" => {
                let lifetime = inner["lifetime"].as_str().map(|l| format!("{l} ")).unwrap_or_default();
                let mutable = if inner["is_mutable"].as_bool() == Some(true) {
                    "mut "
                } else {
                    ""
                };
                format!("&{lifetime}{mutable}{}", self.ty(&inner["type"]))
            }
            "raw_pointer" => {
                let mutable = if inner["is_mutable"].as_bool() == Some(true) {
                    "mut"
                } else {
                    "const"
                };
                format!("*{mutable} {}", self.ty(&inner["type"]))
            }
            "impl_trait" => format!("impl {}", self.bounds(inner)),
            "dyn_trait" => {
                let mut parts: Vec<String> = inner["traits"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .map(|poly| self.path(&poly["trait"]))
                    .collect();
                if let Some(lifetime) = inner["lifetime"].as_str() {
                    parts.push(lifetime.to_owned());
                }
                format!("dyn {}", parts.join(" + "))
            }
            "qualified_path" => {
                let self_type = self.ty(&inner["self_type"]);
                let name = format!("{}{}", inner["name"].as_str().unwrap_or("?"), self.args(&inner["args"]));
                match inner["trait"].as_object() {
                    Some(_) if !inner["trait"]["path"].as_str().unwrap_or("").is_empty() => {
                        format!("<{self_type} as {}>::{name}", self.path(&inner["trait"]))
                    }
                    _ => format!("{self_type}::{name}"),
                }
            }
            "function_pointer" => {
                let sig = &inner["sig"];
                let inputs: Vec<String> = sig["inputs"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .map(|input| self.ty(&input[1]))
                    .collect();
                format!("fn({}){}", inputs.join(", "), self.output(&sig["output"]))
            }
            "infer" => "_".to_owned(),
            other => format!("<{other}>"),
        }
    }

    /// `A + B<C> + 'a`.
    fn bounds(&self, bounds: &Value) -> String {
        let parts: Vec<String> = bounds
            .as_array()
            .into_iter()
            .flatten()
            .map(|bound| {
                if let Some(trait_bound) = bound.get("trait_bound") {
                    let modifier = match trait_bound["modifier"].as_str() {
                        Some("maybe") => "?",
                        Some("maybe_const") => "~const ",
                        _ => "",
                    };
                    format!("{modifier}{}", self.path(&trait_bound["trait"]))
                } else if let Some(lifetime) = bound.get("outlives") {
                    lifetime.as_str().unwrap_or("'_").to_owned()
                } else {
                    "use<..>".to_owned()
                }
            })
            .collect();
        parts.join(" + ")
    }

    /// `<'a, T: Bound, const N: usize>` and the where clause, synthetic parameters (`impl Trait`) left out.
    fn generics(&self, generics: &Value) -> (String, String) {
        let params: Vec<String> = generics["params"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|param| {
                let name = param["name"].as_str().unwrap_or("?");
                let kind = &param["kind"];
                if let Some(lifetime) = kind.get("lifetime") {
                    let outlives = outlives(&lifetime["outlives"]);
                    Some(if outlives.is_empty() {
                        name.to_owned()
                    } else {
                        format!("{name}: {outlives}")
                    })
                } else if let Some(ty) = kind.get("type") {
                    if ty["is_synthetic"].as_bool() == Some(true) {
                        return None;
                    }
                    let bounds = self.bounds(&ty["bounds"]);
                    let mut text = if bounds.is_empty() {
                        name.to_owned()
                    } else {
                        format!("{name}: {bounds}")
                    };
                    if !ty["default"].is_null() {
                        text.push_str(&format!(" = {}", self.ty(&ty["default"])));
                    }
                    Some(text)
                } else {
                    Some(format!("const {name}: {}", self.ty(&kind["const"]["type"])))
                }
            })
            .collect();
        let predicates: Vec<String> = generics["where_predicates"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|predicate| {
                if let Some(bound) = predicate.get("bound_predicate") {
                    format!("{}: {}", self.ty(&bound["type"]), self.bounds(&bound["bounds"]))
                } else if let Some(lifetime) = predicate.get("lifetime_predicate") {
                    let name = lifetime["lifetime"].as_str().unwrap_or("'_");
                    format!("{name}: {}", outlives(&lifetime["outlives"]))
                } else {
                    let eq = &predicate["eq_predicate"];
                    format!("{} = {}", self.ty(&eq["lhs"]), self.term(&eq["rhs"]))
                }
            })
            .collect();
        let params = if params.is_empty() {
            String::new()
        } else {
            format!("<{}>", params.join(", "))
        };
        let clause = if predicates.is_empty() {
            String::new()
        } else {
            format!(" where {}", predicates.join(", "))
        };
        (params, clause)
    }

    /// `pub const async unsafe fn path<G>(a: A, &self) -> R where …`.
    fn function(&self, path: &str, function: &Value) -> String {
        let header = &function["header"];
        let mut qualifiers = String::new();
        for (flag, word) in [("is_const", "const "), ("is_async", "async "), ("is_unsafe", "unsafe ")] {
            if header[flag].as_bool() == Some(true) {
                qualifiers.push_str(word);
            }
        }
        let (params, clause) = self.generics(&function["generics"]);
        let inputs: Vec<String> = function["sig"]["inputs"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|input| {
                let name = input[0].as_str().unwrap_or("_");
                let ty = &input[1];
                if name == "self" {
                    self_param(ty).unwrap_or_else(|| format!("self: {}", self.ty(ty)))
                } else {
                    format!("{name}: {}", self.ty(ty))
                }
            })
            .collect();
        format!(
            "pub {qualifiers}fn {path}{params}({}){}{clause}",
            inputs.join(", "),
            self.output(&function["sig"]["output"])
        )
    }
}

/// `'a + 'b` from a list of lifetimes.
fn outlives(lifetimes: &Value) -> String {
    let names: Vec<&str> = lifetimes
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .collect();
    names.join(" + ")
}

/// `self`, `&self`, `&mut self`, `&'a self` for the usual receivers.
fn self_param(ty: &Value) -> Option<String> {
    if ty["generic"] == "Self" {
        return Some("self".to_owned());
    }
    let reference = ty.get("borrowed_ref")?;
    if reference["type"]["generic"] != "Self" {
        return None;
    }
    let lifetime = reference["lifetime"]
        .as_str()
        .map(|l| format!("{l} "))
        .unwrap_or_default();
    let mutable = if reference["is_mutable"].as_bool() == Some(true) {
        "mut "
    } else {
        ""
    };
    Some(format!("&{lifetime}{mutable}self"))
}

/// Whether an item carries `#[non_exhaustive]`.
fn non_exhaustive(item: &Value) -> bool {
    item["attrs"]
        .as_array()
        .into_iter()
        .flatten()
        .any(|attr| attr.as_str() == Some("non_exhaustive") || attr.to_string().contains("non_exhaustive"))
}

/// The lines of one item reachable at `path`.
fn render_item(names: &Names, index: &Map<String, Value>, item: &Value, path: &str, lines: &mut BTreeSet<String>) {
    let Some((kind, inner)) = item["inner"].as_object().and_then(|o| o.iter().next()) else {
        return;
    };
    let attr = if non_exhaustive(item) { "#[non_exhaustive] " } else { "" };
    match kind.as_str() {
        "module" => {
            lines.insert(format!("pub mod {path}"));
        }
        "function" => {
            lines.insert(names.function(path, inner));
        }
        "constant" => {
            lines.insert(format!(
                "pub const {path}: {} = {}",
                names.ty(&inner["type"]),
                inner["const"]["expr"].as_str().unwrap_or("_")
            ));
        }
        "static" => {
            let mutable = if inner["is_mutable"].as_bool() == Some(true) {
                "mut "
            } else {
                ""
            };
            lines.insert(format!("pub static {mutable}{path}: {}", names.ty(&inner["type"])));
        }
        "type_alias" => {
            let (params, clause) = names.generics(&inner["generics"]);
            lines.insert(format!(
                "pub type {path}{params}{clause} = {}",
                names.ty(&inner["type"])
            ));
        }
        "macro" => {
            lines.insert(format!("pub macro {path}!"));
        }
        "proc_macro" => {
            lines.insert(format!("pub proc_macro {path}"));
        }
        "struct" | "union" => {
            let (params, clause) = names.generics(&inner["generics"]);
            let shape = &inner["kind"];
            let exhaustive = attr.is_empty();
            let mut head = format!("{attr}pub {kind} {path}{params}");
            if let Some(fields) = shape["tuple"].as_array() {
                let types: Vec<String> = fields
                    .iter()
                    .map(|field| {
                        index
                            .get(&id_key(field))
                            .map_or_else(|| "_".to_owned(), |f| names.ty(&f["inner"]["struct_field"]))
                    })
                    .collect();
                head.push_str(&format!("({})", types.join(", ")));
            } else if shape.get("plain").is_some() || inner.get("fields").is_some() {
                let plain = shape.get("plain").unwrap_or(inner);
                let all_public = plain["has_stripped_fields"].as_bool() != Some(true);
                if !all_public {
                    head.push_str(" { .. }");
                }
                for field in plain["fields"].as_array().into_iter().flatten() {
                    let Some(field) = index.get(&id_key(field)) else {
                        continue;
                    };
                    let mark = if exhaustive && all_public { " (exhaustive)" } else { "" };
                    lines.insert(format!(
                        "pub field {path}.{}: {}{mark}",
                        field["name"].as_str().unwrap_or("?"),
                        names.ty(&field["inner"]["struct_field"])
                    ));
                }
            }
            head.push_str(&clause);
            lines.insert(head);
            render_impls(names, index, &inner["impls"], path, lines);
        }
        "enum" => {
            let (params, clause) = names.generics(&inner["generics"]);
            lines.insert(format!("{attr}pub enum {path}{params}{clause}"));
            let mark = if attr.is_empty() { " (exhaustive)" } else { "" };
            for variant_id in inner["variants"].as_array().into_iter().flatten() {
                let Some(variant) = index.get(&id_key(variant_id)) else {
                    continue;
                };
                let shape = &variant["inner"]["variant"]["kind"];
                let field_types = |ids: &Value| -> Vec<String> {
                    ids.as_array()
                        .into_iter()
                        .flatten()
                        .map(|id| {
                            index.get(&id_key(id)).map_or_else(
                                || "_".to_owned(),
                                |f| {
                                    let ty = names.ty(&f["inner"]["struct_field"]);
                                    match f["name"].as_str() {
                                        Some(name) if name.parse::<usize>().is_err() => format!("{name}: {ty}"),
                                        _ => ty,
                                    }
                                },
                            )
                        })
                        .collect()
                };
                let body = if let Some(fields) = shape.get("tuple") {
                    format!("({})", field_types(fields).join(", "))
                } else if let Some(fields) = shape.get("struct") {
                    format!(" {{ {} }}", field_types(&fields["fields"]).join(", "))
                } else {
                    String::new()
                };
                let variant_attr = if non_exhaustive(variant) {
                    "#[non_exhaustive] "
                } else {
                    ""
                };
                lines.insert(format!(
                    "{variant_attr}pub variant {path}::{}{body}{mark}",
                    variant["name"].as_str().unwrap_or("?")
                ));
            }
            render_impls(names, index, &inner["impls"], path, lines);
        }
        "trait" => {
            let (params, clause) = names.generics(&inner["generics"]);
            let bounds = names.bounds(&inner["bounds"]);
            let bounds = if bounds.is_empty() {
                String::new()
            } else {
                format!(": {bounds}")
            };
            let unsafety = if inner["is_unsafe"].as_bool() == Some(true) {
                "unsafe "
            } else {
                ""
            };
            lines.insert(format!("pub {unsafety}trait {path}{params}{bounds}{clause}"));
            for member_id in inner["items"].as_array().into_iter().flatten() {
                let Some(member) = index.get(&id_key(member_id)) else {
                    continue;
                };
                let name = member["name"].as_str().unwrap_or("?");
                let member_path = format!("{path}::{name}");
                let Some((member_kind, member_inner)) = member["inner"].as_object().and_then(|o| o.iter().next())
                else {
                    continue;
                };
                let line = match member_kind.as_str() {
                    "function" => {
                        let required = if member_inner["has_body"].as_bool() == Some(true) {
                            ""
                        } else {
                            " (required)"
                        };
                        format!("{}{required}", names.function(&member_path, member_inner))
                    }
                    "assoc_type" => {
                        let required = if member_inner["type"].is_null() {
                            " (required)"
                        } else {
                            ""
                        };
                        format!("pub type {member_path}{required}")
                    }
                    "assoc_const" => {
                        let required = if member_inner["value"].is_null() {
                            " (required)"
                        } else {
                            ""
                        };
                        format!("pub const {member_path}: {}{required}", names.ty(&member_inner["type"]))
                    }
                    other => format!("pub {other} {member_path}"),
                };
                lines.insert(line);
            }
        }
        _ => {}
    }
}

/// The inherent items and trait implementations of the type at `path` (blanket impls are left out: they
/// follow from the traits, not from the type).
fn render_impls(names: &Names, index: &Map<String, Value>, impls: &Value, path: &str, lines: &mut BTreeSet<String>) {
    for impl_id in impls.as_array().into_iter().flatten() {
        let Some(block) = index.get(&id_key(impl_id)).map(|item| &item["inner"]["impl"]) else {
            continue;
        };
        if !block["blanket_impl"].is_null() {
            continue;
        }
        if block["trait"].is_null() {
            for member_id in block["items"].as_array().into_iter().flatten() {
                let Some(member) = index.get(&id_key(member_id)) else {
                    continue;
                };
                if member["visibility"] != "public" {
                    continue;
                }
                let member_path = format!("{path}::{}", member["name"].as_str().unwrap_or("?"));
                let inner = &member["inner"];
                if let Some(function) = inner.get("function") {
                    lines.insert(names.function(&member_path, function));
                } else if let Some(constant) = inner.get("assoc_const") {
                    lines.insert(format!("pub const {member_path}: {}", names.ty(&constant["type"])));
                } else if inner.get("assoc_type").is_some() {
                    lines.insert(format!("pub type {member_path}"));
                }
            }
        } else {
            // Compiler-internal marker traits, which users cannot name on stable Rust.
            let internal = ["Freeze", "UnsafeUnpin", "StructuralPartialEq"];
            if block["trait"]["path"]
                .as_str()
                .is_some_and(|p| internal.iter().any(|t| p.ends_with(t)))
            {
                continue;
            }
            let (params, clause) = names.generics(&block["generics"]);
            let negative = if block["is_negative"].as_bool() == Some(true) {
                "!"
            } else {
                ""
            };
            lines.insert(format!(
                "impl{params} {negative}{} for {}{clause}",
                names.path(&block["trait"]),
                names.ty(&block["for"])
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::render;

    fn lines(items: &[&str]) -> Vec<String> {
        items.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn a_small_crate_renders_with_public_paths_signatures_and_markers() {
        let doc = json!({
            "root": 0,
            "index": {
                "0": { "name": "k", "inner": { "module": { "items": [1, 2, 3, 4] } } },
                "1": { "name": "f", "inner": { "function": {
                    "header": { "is_const": true },
                    "generics": { "params": [], "where_predicates": [] },
                    "sig": { "inputs": [["x", { "borrowed_ref": { "lifetime": null, "is_mutable": false,
                                                                   "type": { "primitive": "str" } } }]],
                             "output": { "resolved_path": { "path": "crate::S", "id": 5, "args": null } } } } } },
                "2": { "name": null, "inner": { "use": { "source": "inner::S", "name": "S", "id": 5, "is_glob": false } } },
                "3": { "name": null, "inner": { "use": { "source": "other", "name": "other", "id": 99, "is_glob": false } } },
                "4": { "name": "E", "attrs": ["non_exhaustive"], "inner": { "enum": {
                    "generics": { "params": [], "where_predicates": [] }, "variants": [8], "impls": [] } } },
                "5": { "name": "S", "inner": { "struct": {
                    "kind": { "plain": { "fields": [6], "has_stripped_fields": false } },
                    "generics": { "params": [], "where_predicates": [] }, "impls": [7] } } },
                "6": { "name": "n", "inner": { "struct_field": { "primitive": "u8" } } },
                "7": { "inner": { "impl": { "trait": { "path": "Clone", "id": 50, "args": null },
                    "for": { "resolved_path": { "path": "S", "id": 5, "args": null } },
                    "generics": { "params": [], "where_predicates": [] }, "blanket_impl": null, "items": [] } } },
                "8": { "name": "A", "inner": { "variant": { "kind": { "tuple": [9] } } } },
                "9": { "name": "0", "inner": { "struct_field": { "primitive": "u8" } } }
            },
            "paths": { "50": { "path": ["core", "clone", "Clone"] } }
        });
        assert_eq!(
            render(&doc),
            lines(&[
                "#[non_exhaustive] pub enum k::E",
                "impl core::clone::Clone for k::S",
                "pub const fn k::f(x: &str) -> k::S",
                "pub field k::S.n: u8 (exhaustive)",
                "pub struct k::S",
                "pub use k::other = other",
                "pub variant k::E::A(u8)",
            ])
        );
    }
}
